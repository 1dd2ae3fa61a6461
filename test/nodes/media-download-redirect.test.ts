import nock from 'nock';
import type { INodeParameters } from 'n8n-workflow';

import { receivedText, TRIGGER_API_KEY, TRIGGER_BASE_URL, TriggerHarness } from '../helpers/trigger-harness';
import { api, errorOf, expectNoSecret } from './fiwano-test-utils';
import { runFiwano } from '../helpers/run-node';

// n8n's redirect handling keeps X-API-Key on a cross-origin hop, so authenticated downloads
// must not follow a redirect at all. The other host is mocked without any header condition:
// if it were called, its interceptor would be used and isDone() would say so.

const OTHER = 'https://files.elsewhere.test';
const otherHost = () => nock(OTHER).get(/.*/).reply(200, Buffer.from('stolen'));

const download: INodeParameters = { resource: 'media', operation: 'download', mediaId: 'm1b2c3d4e5f67890' };

describe('Media > Download refuses redirects', () => {
	it.each([301, 302, 303, 307, 308])('a %i to another host is an error, and that host is never called', async (status) => {
		const fiwano = api().get('/api/v1/media/m1b2c3d4e5f67890').reply(status, '', { Location: `${OTHER}/bucket/file.pdf?sig=1` });
		const other = otherHost();

		const result = await runFiwano(download);

		fiwano.done();
		expect(other.isDone()).toBe(false);
		const error = errorOf(result);
		expect(error.message).toBe(
			`Fiwano answered the media download with a redirect to ${OTHER}; the API key is not sent to other hosts. Download the file again (files expire 60 minutes after the webhook), and check that the credential's Base URL is the Fiwano API itself, not a proxy or an old address that redirects.`,
		);
		expectNoSecret(result);
	});

	it('refuses a relative redirect on the same host too (one request, not two)', async () => {
		const fiwano = api().get('/api/v1/media/m1b2c3d4e5f67890').reply(302, '', { Location: '/elsewhere' });
		const again = api().get('/elsewhere').reply(200, Buffer.from('x'));

		const result = await runFiwano(download);

		fiwano.done();
		expect(again.isDone()).toBe(false);
		expect(errorOf(result).message).toMatch(/^Fiwano answered the media download with a redirect to https:\/\/api\.fiwano\.test;/);
	});
});

describe('Fiwano Trigger media download refuses redirects', () => {
	const signing = ['redirect', 'signing', 'value'].join('-');

	it('emits the event with the reason and never calls the other host', async () => {
		const fiwano = nock(TRIGGER_BASE_URL)
			.matchHeader('x-api-key', TRIGGER_API_KEY)
			.get('/api/v1/media/m1b2c3d4e5f67890')
			.reply(302, '', { Location: `${OTHER}/bucket/photo.jpg` });
		const other = otherHost();
		const event = receivedText({}, {
			type: 'image',
			media: {
				media_id: 'm1b2c3d4e5f67890',
				kind: 'image',
				mime_type: 'image/jpeg',
				download_url: `${TRIGGER_BASE_URL}/api/v1/media/m1b2c3d4e5f67890`,
			},
		});
		const harness = new TriggerHarness({ secret: signing, options: { downloadMedia: true } });

		const delivery = await harness.sendSigned(event, signing);

		fiwano.done();
		expect(other.isDone()).toBe(false);
		expect(delivery.result.workflowData).toEqual([
			[
				{
					json: {
						...event,
						media_download_error: `Download failed: Fiwano answered the media download with a redirect to ${OTHER}; the API key is not sent to other hosts. Download the file again (files expire 60 minutes after the webhook), and check that the credential's Base URL is the Fiwano API itself, not a proxy or an old address that redirects.`,
					},
				},
			],
		]);
	});
});
