import type nock from 'nock';
import type { INodeParameters } from 'n8n-workflow';

import { API_KEY, runFiwano } from '../helpers/run-node';
import { anyRequest, api, byId, errorOf, expectNoSecret } from './fiwano-test-utils';

const SEND_MEDIA = '/api/v1/messages/send-media';
const PHOTO = 'https://my-bucket.s3.amazonaws.com/photo.jpg?X-Amz-Signature=abc&X-Amz-Expires=600';

const sendMedia = (overrides: INodeParameters = {}): INodeParameters => ({
	resource: 'message',
	operation: 'sendMedia',
	channelId: byId('a1b2c3d4e5f67890'),
	recipient: '1234567890',
	mediaType: 'image',
	mediaUrl: PHOTO,
	...overrides,
});

const body = (extra: nock.DataMatcherMap = {}): nock.DataMatcherMap => ({
	channel_id: 'a1b2c3d4e5f67890',
	recipient: '1234567890',
	media_type: 'image',
	media_url: PHOTO,
	...extra,
});

describe('Message > Send Media', () => {
	it('POSTs media_type and media_url (no optional fields) and outputs the response', async () => {
		const response = { success: true, message_id: 'b2c3d4e5-f6a7-8901-bcde-f12345678901' };
		const scope = api().post(SEND_MEDIA, body()).reply(200, response);

		const result = await runFiwano(sendMedia());

		scope.done();
		expect(result.items).toEqual([{ json: response, pairedItem: { item: 0 } }]);
		expectNoSecret(result);
	});

	it('sends caption and filename for a document, to the credential base URL', async () => {
		const scope = api('https://proxy.example.test')
			.post(
				SEND_MEDIA,
				body({
					recipient: '15551234567',
					media_type: 'document',
					media_url: 'https://files.example.com/invoice.pdf',
					caption: 'Your invoice 🧾',
					filename: 'invoice.pdf',
				}),
			)
			.reply(200, { success: true, message_id: 'm-doc' });

		const result = await runFiwano(
			sendMedia({
				recipient: '+1 555-123-4567',
				mediaType: 'document',
				mediaUrl: '  https://files.example.com/invoice.pdf  ',
				options: { caption: 'Your invoice 🧾', filename: 'invoice.pdf' },
			}),
			{ credentials: { apiKey: API_KEY, baseUrl: 'https://proxy.example.test/' } },
		);

		scope.done();
		expect(result.items).toEqual([{ json: { success: true, message_id: 'm-doc' }, pairedItem: { item: 0 } }]);
	});

	it('accepts a caption of exactly 1024 emoji (code points, not UTF-16 units)', async () => {
		const caption = '😀'.repeat(1024);
		const scope = api().post(SEND_MEDIA, body({ caption })).reply(200, { success: true, message_id: 'm1' });

		const result = await runFiwano(sendMedia({ options: { caption } }));

		scope.done();
		expect(result.items).toEqual([{ json: { success: true, message_id: 'm1' }, pairedItem: { item: 0 } }]);
	});

	it('accepts a 2048-character URL and a 255-character file name', async () => {
		const base = 'https://cdn.example.com/';
		const url = base + 'a'.repeat(2048 - base.length);
		const filename = 'f'.repeat(251) + '.pdf';
		const scope = api()
			.post(SEND_MEDIA, body({ media_url: url, filename }))
			.reply(200, { success: true, message_id: 'm1' });

		const result = await runFiwano(sendMedia({ mediaUrl: url, options: { filename } }));

		scope.done();
		expect(result.items).toHaveLength(1);
	});

	it.each([
		['a non-https URL', { mediaUrl: 'http://cdn.example.com/a.jpg' }, 'Media URL: must start with https://'],
		['an ftp URL', { mediaUrl: 'ftp://cdn.example.com/a.jpg' }, 'Media URL: must start with https://'],
		[
			'a URL over 2048 characters',
			{ mediaUrl: 'https://cdn.example.com/' + 'a'.repeat(2025) },
			'Media URL: is 2049 characters long; the limit is 2048',
		],
		[
			'a URL with user:pass@',
			{ mediaUrl: 'https://user:pass@cdn.example.com/a.jpg' },
			'Media URL: must not contain a user name or password',
		],
		['an invalid URL', { mediaUrl: 'not a url' }, 'Media URL: is not a valid URL'],
		['a blank URL', { mediaUrl: '   ' }, 'Media URL: is empty'],
	])('refuses %s before any request', async (_label, overrides, message) => {
		const scope = anyRequest();

		const result = await runFiwano(sendMedia(overrides));

		expect(scope.isDone()).toBe(false);
		expect(result.items).toEqual([]);
		const error = errorOf(result);
		expect(error.message).toBe(message);
		expect(error.description).toBe(
			'Use a public or signed HTTPS URL (S3/GCS/R2 presigned, valid for at least 5 minutes) without credentials in it.',
		);
		expect(error.context?.itemIndex).toBe(0);
		expectNoSecret(result);
	});

	it('refuses a caption of 1025 code points before any request', async () => {
		const scope = anyRequest();

		const result = await runFiwano(sendMedia({ options: { caption: '😀'.repeat(1025) } }));

		expect(scope.isDone()).toBe(false);
		const error = errorOf(result);
		expect(error.message).toBe('Caption: is 1025 characters long; the limit is 1024');
		expect(error.description).toBe('Shorten the caption, or send the rest as a text message.');
	});

	it('refuses a file name over 255 characters before any request', async () => {
		const scope = anyRequest();

		const result = await runFiwano(sendMedia({ options: { filename: 'x'.repeat(256) } }));

		expect(scope.isDone()).toBe(false);
		const error = errorOf(result);
		expect(error.message).toBe('File Name: is 256 characters long; the limit is 255');
		expect(error.description).toBe('Use a shorter file name.');
	});

	it('refuses a bad recipient before any request', async () => {
		const scope = anyRequest();

		const result = await runFiwano(sendMedia({ recipient: '[object Object]' }));

		expect(scope.isDone()).toBe(false);
		expect(errorOf(result).message).toBe('Recipient "[object Object]" is not a valid recipient ID');
	});

	it('makes a failed send (131052) a node error, or data with the option', async () => {
		const failed = { success: false, error_code: 131052, error: 'Media download failed', status: 'failed' };
		const scope = api().post(SEND_MEDIA, body()).reply(200, failed).post(SEND_MEDIA, body()).reply(200, failed);

		const asError = await runFiwano(sendMedia());
		const asData = await runFiwano(sendMedia({ options: { failedSendAsData: true } }));

		scope.done();
		const error = errorOf(asError);
		expect(error.message).toBe('Message not sent (Meta error 131052): Media download failed. Meta could not download the media URL: use a public HTTPS URL that answers 200 with the right Content-Type.');
		expect(error.description).toContain('Meta could not download the media URL');
		expect(asData.error).toBeUndefined();
		expect(asData.items).toEqual([{ json: failed, pairedItem: { item: 0 } }]);
	});

	it('maps a 422 field list and a 402 Pro requirement', async () => {
		const scope = api()
			.post(SEND_MEDIA, body())
			.reply(422, { detail: [{ loc: ['body', 'media_type'], msg: 'unsupported media type', type: 'value_error' }] })
			.post(SEND_MEDIA, body())
			.reply(402, { detail: 'Pro license required' });

		const invalid = await runFiwano(sendMedia());
		const payment = await runFiwano(sendMedia());

		scope.done();
		expect(errorOf(invalid).message).toBe('Invalid fields: media_type: unsupported media type');
		expect(errorOf(invalid).httpCode).toBe('422');
		expect(errorOf(payment).message).toBe('Payment required: Pro license required. The account owner must renew or upgrade it on the Billing page of the Fiwano portal; retrying will not help.');
		expect(errorOf(payment).description).toContain('Pro tier');
	});
});
