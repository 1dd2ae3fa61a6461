import nock from 'nock';
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { BASE_URL, runFiwano } from '../helpers/run-node';
import { api, byId, errorOf, expectNoSecret } from './fiwano-test-utils';

const SEND = '/api/v1/messages/send';
const WA = 'a1b2c3d4e5f67890';
const IG = 'b2c3d4e5f6789012';
const cp = (text: string) => Array.from(text).length;

const sendText = (text: string, overrides: INodeParameters = {}): INodeParameters => ({
	resource: 'message',
	operation: 'sendText',
	channelId: byId(WA),
	recipient: '15551234567',
	text,
	...overrides,
});

/** Records every text sent, answering each with a message_id. */
function recordSends(channelType: string, channelId = WA) {
	const sent: string[] = [];
	const lookup = api().get(`/api/v1/channels/${channelId}`).once().reply(200, { id: channelId, channel_type: channelType });
	const sends = api()
		.post(SEND, (body: IDataObject) => {
			sent.push(String(body.text));
			return true;
		})
		.times(50)
		.reply(200, () => ({ success: true, message_id: `m${sent.length}`, status: 'sent' }));
	return { sent, lookup, sends };
}

/** 10,000 code points: paragraphs of sentences with emoji sequences (ZWJ family, skin tones). */
function longText(): string {
	const sentence = 'Your order 👨‍👩‍👧 is on its way, thank you 👍🏽! ';
	let text = '';
	for (let i = 0; cp(text) < 10000; i++) text += sentence + (i % 9 === 8 ? '\n\n' : '');
	return Array.from(text).slice(0, 10000).join('');
}

const squash = (text: string) => text.replace(/\s+/g, '');

describe('Message > Send Text > Split Long Text', () => {
	it('sends a 10,000 code point text to WhatsApp as 3 full parts, in order, one output item', async () => {
		const text = longText();
		const { sent, lookup } = recordSends('whatsapp');

		const result = await runFiwano(sendText(text));

		expect(result.error).toBeUndefined();
		lookup.done();
		expect(sent).toHaveLength(3);
		expect(sent.map(cp).every((length) => length <= 4096)).toBe(true);
		expect(sent.map(cp).reduce((a, b) => a + b)).toBeGreaterThan(9900);
		expect(squash(sent.join(''))).toBe(squash(text)); // nothing lost, nothing reordered
		// Never inside a character: no part starts with a modifier, ZWJ or a low surrogate.
		for (const part of sent) {
			const first = part.codePointAt(0) ?? 0;
			expect(first === 0x200d || (first >= 0x1f3fb && first <= 0x1f3ff) || (first >= 0xdc00 && first <= 0xdfff)).toBe(false);
		}
		expect(result.items).toEqual([
			{
				json: {
					success: true,
					message_id: 'm1',
					status: 'sent',
					parts: sent.map((part, i) => ({ part: i + 1, length: cp(part), message_id: `m${i + 1}`, status: 'sent' })),
					parts_total: 3,
				},
				pairedItem: { item: 0 },
			},
		]);
		expectNoSecret(result);
	});

	it('looks a channel up once per execution, and only for text over 1000 code points', async () => {
		const { sent, lookup } = recordSends('instagram', IG);
		const long = 'word '.repeat(500).trim(); // 2499 code points -> 3 Instagram parts
		const result = await runFiwano(sendText('={{ $json.text }}', { channelId: byId(IG) }), {
			input: [{ text: long }, { text: 'short one' }, { text: long }],
		});
		expect(result.error).toBeUndefined();
		lookup.done();
		expect(result.items).toHaveLength(3);
		expect(result.items[1].json).toEqual({ success: true, message_id: 'm4', status: 'sent' });
		expect(sent).toHaveLength(7);
		expect(sent[3]).toBe('short one');
		expect(sent.filter((t) => t !== 'short one').every((t) => cp(t) <= 1000 && cp(t) >= 499)).toBe(true);
	});

	it('sends text over 1000 but within the WhatsApp limit as one message, output as the API answered', async () => {
		const text = 'x'.repeat(3000);
		const lookup = api().get(`/api/v1/channels/${WA}`).reply(200, { channel_type: 'whatsapp' });
		const send = api().post(SEND, { channel_id: WA, recipient: '15551234567', text }).reply(200, { success: true, message_id: 'one' });
		const result = await runFiwano(sendText(text));
		lookup.done();
		send.done();
		expect(result.items).toEqual([{ json: { success: true, message_id: 'one' }, pairedItem: { item: 0 } }]);
	});

	it('never looks the channel up for text within 1000 code points', async () => {
		const text = '👍🏽'.repeat(500); // 1000 code points, 2000 UTF-16 units
		const send = api().post(SEND, { channel_id: WA, recipient: '15551234567', text }).reply(200, { success: true, message_id: 'one' });
		const result = await runFiwano(sendText(text));
		send.done();
		expect(result.error).toBeUndefined();
	});

	it('stops at a failed part and says how many were delivered', async () => {
		const text = 'para. '.repeat(600).trim(); // 3599 code points -> 2 Facebook parts
		api().get(`/api/v1/channels/${WA}`).reply(200, { channel_type: 'facebook' });
		const first = api().post(SEND).reply(200, { success: true, message_id: 'p1', status: 'sent' });
		const second = api().post(SEND).reply(400, { detail: 'Channel is not active' });
		const result = await runFiwano(sendText(text));
		first.done();
		second.done();
		const error = errorOf(result);
		expect(error.message).toBe('Fiwano rejected the request: Channel is not active [part 2 of 2]');
		expect(error.description).toContain('split into 2 messages: 1 delivered, part 2 failed, and the remaining 0 were not sent');
	});

	it('does not send the remaining parts after a failed send, and returns it as data when asked', async () => {
		const text = 'a b '.repeat(1300).trim(); // 5199 code points -> 3 Facebook parts
		api().get(`/api/v1/channels/${WA}`).reply(200, { channel_type: 'facebook' });
		api().post(SEND).reply(200, { success: true, message_id: 'p1', status: 'sent' });
		api().post(SEND).reply(200, { success: false, status: 'failed', error: 'Message undeliverable', error_code: 131047 });
		const third = api().post(SEND).reply(200, { success: true, message_id: 'never' });
		const result = await runFiwano(sendText(text, { options: { failedSendAsData: true } }));
		expect(third.isDone()).toBe(false);
		expect(result.items[0].json).toMatchObject({
			success: false,
			status: 'failed',
			error_code: 131047,
			message_id: 'p1',
			parts_total: 3,
			parts_delivered: 1,
			parts: [
				{ part: 1, message_id: 'p1', status: 'sent' },
				{ part: 2, message_id: null, status: 'failed' },
			],
		});
	});

	it('a failed part is a node error naming the Meta fix and the parts delivered', async () => {
		const text = 'a b '.repeat(1300).trim();
		api().get(`/api/v1/channels/${WA}`).reply(200, { channel_type: 'instagram' });
		api().post(SEND).reply(200, { success: true, message_id: 'p1', status: 'sent' });
		api().post(SEND).reply(200, { success: false, status: 'failed', error: 'Outside window', error_code: 131047 });
		const result = await runFiwano(sendText(text));
		const error = errorOf(result);
		expect(error.message).toBe('Message not sent (Meta error 131047): Outside window. The 24-hour window is closed: send an approved template instead (on Instagram or Messenger, wait for the user to write). [part 2 of 6]');
		expect(error.description).toContain('1 delivered, part 2 failed, and the remaining 4 were not sent');
	});

	it('with the option off, overlong text gets the API error with a hint to turn it on', async () => {
		const text = 'x'.repeat(1200);
		const send = api()
			.post(SEND, { channel_id: WA, recipient: '15551234567', text })
			.reply(400, {
				detail: {
					code: 'text_too_long',
					message: 'Text exceeds instagram limit of 1000 characters (got 1200).',
					actual_length: 1200,
					max_length: 1000,
					channel_type: 'instagram',
					hint: 'Split the text on your side and send as multiple messages.',
				},
			});
		const result = await runFiwano(sendText(text, { options: { splitLongText: false } }));
		send.done();
		const error = errorOf(result);
		expect(error.message).toBe('Text too long: Text exceeds instagram limit of 1000 characters (got 1200). Shorten the text, or turn on the Send Text option Split Long Text.');
		expect(error.description).toContain('Turn on the Send Text option Split Long Text');
	});

	it('a failed channel look-up is the mapped API error, and no message is sent', async () => {
		api().get(`/api/v1/channels/${WA}`).reply(404, { detail: 'Channel not found' });
		const send = nock(BASE_URL).post(SEND).reply(200, {});
		const result = await runFiwano(sendText('y'.repeat(1500)));
		expect(send.isDone()).toBe(false);
		expect(errorOf(result).message).toBe('Not found: Channel not found. Use a channel ID from Channel > Get Many, or the channel_id of the trigger event.');
	});
});
