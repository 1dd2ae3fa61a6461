import nock from 'nock';
import type { INodeParameters } from 'n8n-workflow';

import { API_KEY, BASE_URL, runFiwano } from '../helpers/run-node';
import { anyRequest, api, byId, errorOf, expectNoSecret } from './fiwano-test-utils';

const SEND = '/api/v1/messages/send';

const sendText = (overrides: INodeParameters = {}): INodeParameters => ({
	resource: 'message',
	operation: 'sendText',
	channelId: byId('a1b2c3d4e5f67890'),
	recipient: '1234567890',
	text: 'Hello! Your order is ready.',
	...overrides,
});

describe('Message > Send Text', () => {
	it('POSTs channel_id, recipient and text with the API key and outputs the response', async () => {
		const response = { success: true, message_id: 'a1b2c3d4-e5f6-7890-abcd-ef1234567890' };
		const scope = api()
			.matchHeader('content-type', /application\/json/)
			.post(SEND, {
				channel_id: 'a1b2c3d4e5f67890',
				recipient: '1234567890',
				text: 'Hello! Your order is ready.',
			})
			.reply(200, response);

		const result = await runFiwano(sendText());

		scope.done();
		expect(result.error).toBeUndefined();
		expect(result.items).toEqual([{ json: response, pairedItem: { item: 0 } }]);
		expectNoSecret(result);
	});

	it('sends to the base URL of the credential, without its trailing slash', async () => {
		const scope = api('https://proxy.example.test')
			.post(SEND, { channel_id: 'a1b2c3d4e5f67890', recipient: '1234567890', text: 'Hi' })
			.reply(200, { success: true, message_id: 'm-proxy' });

		const result = await runFiwano(sendText({ text: 'Hi' }), {
			credentials: { apiKey: API_KEY, baseUrl: 'https://proxy.example.test/' },
		});

		scope.done();
		expect(result.items).toEqual([
			{ json: { success: true, message_id: 'm-proxy' }, pairedItem: { item: 0 } },
		]);
	});

	it('normalises a WhatsApp number: "+1 (234) 567-890" is sent as 1234567890', async () => {
		const scope = api()
			.post(SEND, { channel_id: 'a1b2c3d4e5f67890', recipient: '1234567890', text: 'Hi' })
			.reply(200, { success: true, message_id: 'm1' });

		const result = await runFiwano(sendText({ recipient: '+1 (234) 567-890', text: 'Hi' }));

		scope.done();
		expect(result.items).toEqual([{ json: { success: true, message_id: 'm1' }, pairedItem: { item: 0 } }]);
	});

	it('sends an IGSID unchanged and a numeric recipient from an expression as digits', async () => {
		const scope = api()
			.post(SEND, { channel_id: 'a1b2c3d4e5f67890', recipient: '6543217890123456', text: 'Hi' })
			.reply(200, { success: true, message_id: 'm1' })
			.post(SEND, { channel_id: 'a1b2c3d4e5f67890', recipient: '15551234567', text: 'Hi' })
			.reply(200, { success: true, message_id: 'm2' });

		const result = await runFiwano(sendText({ recipient: '={{ $json.to }}', text: 'Hi' }), {
			input: [{ to: '6543217890123456' }, { to: 15551234567 }],
		});

		scope.done();
		expect(result.items).toEqual([
			{ json: { success: true, message_id: 'm1' }, pairedItem: { item: 0 } },
			{ json: { success: true, message_id: 'm2' }, pairedItem: { item: 1 } },
		]);
	});

	it('refuses an empty Recipient parameter in the workflow itself, before any request', async () => {
		const scope = anyRequest();

		await expect(runFiwano(sendText({ recipient: '' }))).rejects.toThrow(
			'Parameter "Recipient" is required',
		);

		expect(scope.isDone()).toBe(false);
	});

	it.each([
		['empty', '', 'Recipient is empty'],
		['whitespace', '   ', 'Recipient is empty'],
		['[object Object]', '[object Object]', 'Recipient "[object Object]" is not a valid recipient ID'],
	])('refuses a %s recipient from an expression before any request', async (_label, to, message) => {
		const scope = anyRequest();

		const result = await runFiwano(sendText({ recipient: '={{ $json.to }}' }), { input: [{ to }] });

		expect(scope.isDone()).toBe(false);
		expect(result.items).toEqual([]);
		const error = errorOf(result);
		expect(error.message).toBe(message);
		expect(error.description).toContain('Set Recipient to the phone number with country code');
		expect(error.description).toContain('{{ $json.data.from }}');
		expect(error.context?.itemIndex).toBe(0);
		expectNoSecret(result);
	});

	it.each([
		['whitespace', '   ', 'Recipient is empty'],
		['[object Object]', '[object Object]', 'Recipient "[object Object]" is not a valid recipient ID'],
		['text with spaces', 'John Doe', 'Recipient "John Doe" is not a valid recipient ID'],
	])('refuses a typed %s recipient before any request', async (_label, recipient, message) => {
		const scope = anyRequest();

		const result = await runFiwano(sendText({ recipient }));

		expect(scope.isDone()).toBe(false);
		const error = errorOf(result);
		expect(error.message).toBe(message);
		expect(error.description).toContain('Set Recipient');
	});

	it('refuses an object given by an expression before any request', async () => {
		const scope = anyRequest();

		const result = await runFiwano(sendText({ recipient: '={{ $json.data }}' }), {
			input: [{ data: { from: '1234567890' } }],
		});

		expect(scope.isDone()).toBe(false);
		expect(result.items).toEqual([]);
		const error = errorOf(result);
		expect(error.message).toBe(
			'Recipient is an object or a list, not an ID (the expression points at the wrong field)',
		);
		expect(error.description).toContain('Set Recipient');
	});

	it('treats status "queued" as success', async () => {
		const response = { success: true, message_id: 'm-q', status: 'queued' };
		const scope = api()
			.post(SEND, { channel_id: 'a1b2c3d4e5f67890', recipient: '1234567890', text: 'Hi' })
			.reply(200, response);

		const result = await runFiwano(sendText({ text: 'Hi' }));

		scope.done();
		expect(result.error).toBeUndefined();
		expect(result.items).toEqual([{ json: response, pairedItem: { item: 0 } }]);
	});

	const WINDOW = 'The 24-hour customer service window is closed';
	it.each([
		[131047, WINDOW],
		[131057, 'The WhatsApp Business Account is in maintenance'],
		[131052, 'Meta could not download the media URL'],
		[131053, 'Meta could not process the media'],
		[131026, 'The recipient is not a valid WhatsApp user'],
		[190, "The channel's Meta access token expired or was revoked"],
		[200, 'Meta denied permission for this action'],
		[10, 'The app lacks permission for this action'],
		[100, 'Meta rejected a parameter'],
	])('makes a failed send with Meta code %s a node error naming the code and the fix', async (code, fix) => {
		const scope = api()
			.post(SEND, { channel_id: 'a1b2c3d4e5f67890', recipient: '1234567890', text: 'Hi' })
			.reply(200, { success: false, status: 'failed', error_code: code, error: 'Meta said no' });

		const result = await runFiwano(sendText({ text: 'Hi' }));

		scope.done();
		expect(result.items).toEqual([]);
		const error = errorOf(result);
		// The short remedy follows Meta's reason in the message: a model sees only the message.
		expect(error.message.startsWith(`Message not sent (Meta error ${code}): Meta said no. `)).toBe(true);
		expect(error.description).toContain(fix);
		expect(error.description).toContain('Return Failed Send as Data');
		expect(error.context?.itemIndex).toBe(0);
		expectNoSecret(result);
	});

	it('names an unknown Meta code with the generic fix', async () => {
		const scope = api()
			.post(SEND)
			.reply(200, { success: false, status: 'failed', error_code: 999999, error: 'Odd' });

		const result = await runFiwano(sendText());

		scope.done();
		const error = errorOf(result);
		expect(error.message).toBe('Message not sent (Meta error 999999): Odd');
		expect(error.description).toBe(
			'Fix the request and send again. To get failed sends as output items instead of an error, turn on the option Return Failed Send as Data.',
		);
	});

	it('reads the Meta code from errors[0].code', async () => {
		const scope = api()
			.post(SEND)
			.reply(200, {
				success: false,
				status: 'failed',
				errors: [{ code: 131047, title: 'Re-engagement message' }],
				error: 'Outside window',
			});

		const result = await runFiwano(sendText());

		scope.done();
		const error = errorOf(result);
		expect(error.message).toBe('Message not sent (Meta error 131047): Outside window. The 24-hour window is closed: send an approved template instead (on Instagram or Messenger, wait for the user to write).');
		expect(error.description).toContain(WINDOW);
	});

	it('reports a failed send without code or reason', async () => {
		const scope = api().post(SEND).reply(200, { status: 'failed' });

		const result = await runFiwano(sendText());

		scope.done();
		expect(errorOf(result).message).toBe('Message not sent: no reason given');
	});

	it('returns a failed send as data with the option Return Failed Send as Data', async () => {
		const response = { success: false, status: 'failed', error_code: 131047, error: 'Outside window' };
		const scope = api()
			.post(SEND, { channel_id: 'a1b2c3d4e5f67890', recipient: '1234567890', text: 'Hi' })
			.reply(200, response);

		const result = await runFiwano(sendText({ text: 'Hi', options: { failedSendAsData: true } }));

		scope.done();
		expect(result.error).toBeUndefined();
		expect(result.items).toEqual([{ json: response, pairedItem: { item: 0 } }]);
	});

	it('takes the channel ID from an expression per item and outputs one item per input, in order', async () => {
		const scope = api()
			.post(SEND, { channel_id: 'chan_one', recipient: '111', text: 'first' })
			.reply(200, { success: true, message_id: 'm-1' })
			.post(SEND, { channel_id: 'chan_two', recipient: '222', text: 'second' })
			.reply(200, { success: true, message_id: 'm-2' })
			.post(SEND, { channel_id: 'chan_three', recipient: '333', text: 'third' })
			.reply(200, { success: true, message_id: 'm-3', status: 'queued' });

		const result = await runFiwano(
			sendText({
				channelId: byId('={{ $json.channel_id }}'),
				recipient: '={{ $json.from }}',
				text: '={{ $json.text }}',
			}),
			{
				input: [
					{ channel_id: 'chan_one', from: '111', text: 'first' },
					{ channel_id: 'chan_two', from: '222', text: 'second' },
					{ channel_id: 'chan_three', from: '333', text: 'third' },
				],
			},
		);

		scope.done();
		expect(result.items).toEqual([
			{ json: { success: true, message_id: 'm-1' }, pairedItem: { item: 0 } },
			{ json: { success: true, message_id: 'm-2' }, pairedItem: { item: 1 } },
			{ json: { success: true, message_id: 'm-3', status: 'queued' }, pairedItem: { item: 2 } },
		]);
		expectNoSecret(result);
	});

	it('uses the channel picked from the list', async () => {
		const scope = api()
			.post(SEND, { channel_id: 'listed_channel', recipient: '1234567890', text: 'Hi' })
			.reply(200, { success: true, message_id: 'm1' });

		const result = await runFiwano(
			sendText({ channelId: { __rl: true, mode: 'list', value: 'listed_channel' }, text: 'Hi' }),
		);

		scope.done();
		expect(result.items).toEqual([{ json: { success: true, message_id: 'm1' }, pairedItem: { item: 0 } }]);
	});

	it('never sends without the X-API-Key header of the credential', async () => {
		const wrongKey = nock(BASE_URL)
			.matchHeader('x-api-key', (value) => value !== API_KEY)
			.post(SEND)
			.reply(500, {});
		const scope = api().post(SEND).reply(200, { success: true, message_id: 'm1' });

		const result = await runFiwano(sendText());

		scope.done();
		expect(wrongKey.isDone()).toBe(false);
		expect(result.items).toEqual([{ json: { success: true, message_id: 'm1' }, pairedItem: { item: 0 } }]);
	});
});
