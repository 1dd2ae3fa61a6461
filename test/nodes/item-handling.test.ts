import nock from 'nock';
import type { INodeParameters } from 'n8n-workflow';

import { runFiwano } from '../helpers/run-node';
import { api, byId, errorOf, expectNoSecret } from './fiwano-test-utils';

const SEND = '/api/v1/messages/send';

const sendText: INodeParameters = {
	resource: 'message',
	operation: 'sendText',
	channelId: byId('={{ $json.channel_id }}'),
	recipient: '={{ $json.from }}',
	text: '={{ $json.text }}',
};

const input = [
	{ channel_id: 'chan_a', from: '111', text: 'one' },
	{ channel_id: 'chan_b', from: '222', text: 'two' },
	{ channel_id: 'chan_c', from: '333', text: 'three' },
];

describe('items, continueOnFail and paired items', () => {
	it('with continueOnFail, an API error becomes {json: {error}} for that item while the others succeed', async () => {
		const scope = api()
			.post(SEND, { channel_id: 'chan_a', recipient: '111', text: 'one' })
			.reply(200, { success: true, message_id: 'm-a' })
			.post(SEND, { channel_id: 'chan_b', recipient: '222', text: 'two' })
			.reply(404, { detail: 'Recipient unknown' })
			.post(SEND, { channel_id: 'chan_c', recipient: '333', text: 'three' })
			.reply(200, { success: true, message_id: 'm-c' });

		const result = await runFiwano(sendText, { input, continueOnFail: true });

		scope.done();
		expect(result.error).toBeUndefined();
		expect(result.items).toEqual([
			{ json: { success: true, message_id: 'm-a' }, pairedItem: { item: 0 } },
			{
				json: { error: 'Not found: Recipient unknown' },
				error: expect.objectContaining({
					message: 'Not found: Recipient unknown',
					httpCode: '404',
				}),
				pairedItem: { item: 1 },
			},
			{ json: { success: true, message_id: 'm-c' }, pairedItem: { item: 2 } },
		]);
		expectNoSecret(result);
	});

	it('with continueOnFail, a failed send and a locally refused recipient become error items', async () => {
		const scope = api()
			.post(SEND, { channel_id: 'chan_a', recipient: '111', text: 'one' })
			.reply(200, { success: false, status: 'failed', error_code: 131047, error: 'Outside window' })
			.post(SEND, { channel_id: 'chan_c', recipient: '333', text: 'three' })
			.reply(200, { success: true, message_id: 'm-c', status: 'queued' });

		const result = await runFiwano(sendText, {
			input: [input[0], { ...input[1], from: '[object Object]' }, input[2]],
			continueOnFail: true,
		});

		scope.done();
		expect(result.items).toEqual([
			{
				json: {
					error: expect.stringMatching(/^Message not sent \(Meta error 131047\): Outside window/),
				},
				error: expect.objectContaining({
					message: expect.stringMatching(/^Message not sent \(Meta error 131047\)/),
				}),
				pairedItem: { item: 0 },
			},
			{
				json: { error: 'Recipient "[object Object]" is not a valid recipient ID' },
				error: expect.objectContaining({
					message: 'Recipient "[object Object]" is not a valid recipient ID',
				}),
				pairedItem: { item: 1 },
			},
			{ json: { success: true, message_id: 'm-c', status: 'queued' }, pairedItem: { item: 2 } },
		]);
	});

	it('without continueOnFail, the first failing item stops the run: nothing after it is sent', async () => {
		const scope = api()
			.post(SEND, { channel_id: 'chan_a', recipient: '111', text: 'one' })
			.reply(200, { success: true, message_id: 'm-a' })
			.post(SEND, { channel_id: 'chan_b', recipient: '222', text: 'two' })
			.reply(400, { detail: 'Text is empty' });
		const after = api()
			.post(SEND, (body) => body.channel_id === 'chan_c')
			.reply(200, {});

		const result = await runFiwano(sendText, { input });

		scope.done();
		expect(after.isDone()).toBe(false);
		expect(result.items).toEqual([]);
		const error = errorOf(result);
		expect(error.message).toBe(
			'Fiwano rejected the request: Text is empty [item 1] 1 of 3 items were sent before this one failed; nothing after it was sent. Re-run from item 1.',
		);
		expect(error.context?.itemIndex).toBe(1);
		expect(error.httpCode).toBe('400');
		expectNoSecret(result);
	});

	it('a 429 that outlasts the retry budget stops the run at that item, later items unsent', async () => {
		const scope = api()
			.post(SEND, { channel_id: 'chan_a', recipient: '111', text: 'one' })
			.reply(200, { success: true, message_id: 'm-a' })
			// Retry-After beyond the 3-minute budget: no point in waiting, the item fails at once.
			.post(SEND, { channel_id: 'chan_b', recipient: '222', text: 'two' })
			.reply(429, { detail: 'Rate limit exceeded' }, { 'Retry-After': '3600' });
		const after = api()
			.post(SEND, (body) => body.channel_id === 'chan_c')
			.reply(200, {});

		const result = await runFiwano(sendText, { input });

		scope.done();
		expect(after.isDone()).toBe(false);
		const error = errorOf(result);
		expect(error.message).toMatch(/^Fiwano rate limit reached/);
		expect(error.message).toMatch(
			/\[item 1\] 1 of 3 items were sent before this one failed; nothing after it was sent\. Re-run from item 1\.$/,
		);
		expect(error.description).toContain('Wait 3600 s (Retry-After)');
		expect(error.httpCode).toBe('429');
	});

	it('without continueOnFail, a local refusal also names its item and stops the run', async () => {
		const scope = api()
			.post(SEND, { channel_id: 'chan_a', recipient: '111', text: 'one' })
			.reply(200, { success: true, message_id: 'm-a' });
		const refused = api()
			.post(SEND, (body) => body.channel_id !== 'chan_a')
			.reply(200, {});

		const result = await runFiwano(sendText, {
			input: [input[0], { ...input[1], from: ' ' }, input[2]],
		});

		scope.done();
		expect(refused.isDone()).toBe(false);
		expect(result.items).toEqual([]);
		const error = errorOf(result);
		expect(error.message).toBe(
			'Recipient is empty [item 1] 1 of 3 items were sent before this one failed; nothing after it was sent. Re-run from item 1.',
		);
		expect(error.context?.itemIndex).toBe(1);
	});

	it('a single item keeps the plain message', async () => {
		api().post(SEND).reply(400, { detail: 'Text is empty' });

		const result = await runFiwano(sendText, { input: [input[0]] });

		expect(errorOf(result).message).toBe('Fiwano rejected the request: Text is empty');
	});

	it('one output item per input item, in order, for Get Profile too', async () => {
		const scope = api()
			.get('/api/v1/channels/chan_a/profile/111')
			.reply(200, { user_id: '111', profile: { name: 'A' } })
			.get('/api/v1/channels/chan_b/profile/222')
			.reply(200, { user_id: '222', profile: null });

		const result = await runFiwano(
			{
				resource: 'contact',
				operation: 'getProfile',
				channelId: byId('={{ $json.channel_id }}'),
				userId: '={{ $json.from }}',
			},
			{ input: input.slice(0, 2) },
		);

		scope.done();
		expect(result.items).toEqual([
			{ json: { user_id: '111', profile: { name: 'A' } }, pairedItem: { item: 0 } },
			{ json: { user_id: '222', profile: null }, pairedItem: { item: 1 } },
		]);
	});

	it.each([
		[{ resource: 'nope', operation: 'get' }, 'Unknown resource "nope"', 'channel, '],
		[
			{ resource: 'message', operation: 'sendFax', channelId: byId('c1') },
			'Unknown operation "sendFax" for resource "message"',
			'sendText',
		],
		[
			{ resource: 'channel', operation: 'explode' },
			'Unknown operation "explode" for resource "channel"',
			'getAll',
		],
	])(
		'a saved unknown value %j fails naming it, without any request',
		async (parameters, message, known) => {
			const scope = nock(/.*/).get(/.*/).reply(200, {}).post(/.*/).reply(200, {});

			const result = await runFiwano(parameters, { asSaved: true });

			expect(scope.isDone()).toBe(false);
			expect(result.items).toEqual([]);
			const error = errorOf(result);
			expect(error.message).toBe(message);
			expect(error.description).toContain(known);
		},
	);
});
