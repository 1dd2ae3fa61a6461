import { DedupCache, dedupKey } from '../../nodes/FiwanoTrigger/v2/dedup';
import { messageTypeOf } from '../../nodes/FiwanoTrigger/v2/filters';
import type { FiwanoEvent } from '../../nodes/FiwanoTrigger/v2/payload';
import { receivedText, TriggerHarness } from '../helpers/trigger-harness';

const signing = ['filter', 'signing', 'value'].join('-');

function statusEvent(event: string, channelType: string, data: Record<string, unknown> = {}) {
	return {
		event,
		channel_id: 'b2c3d4e5f6789012',
		channel_type: channelType,
		timestamp: '2025-01-15T10:30:10Z',
		data: { message_id: 'a1b2c3d4-e5f6-7890-abcd-ef1234567890', status: event.split('.')[1], recipient: '6543217890123456', ...data },
	};
}

function voiceNote(data: Record<string, unknown> = {}) {
	return receivedText({}, {
		type: 'audio',
		media: { media_id: 'm2', kind: 'voice', mime_type: 'audio/ogg; codecs=opus', download_url: null },
		...data,
	});
}

async function outcome(harness: TriggerHarness, event: unknown) {
	const delivery = await harness.sendSigned(event, signing);
	expect(delivery.response.statusCode).toBe(200);
	return { started: delivery.started, answer: delivery.response.json };
}

describe('Trigger On', () => {
	it('starts only for the selected event types; others are answered 200 and ignored', async () => {
		const harness = new TriggerHarness({ events: ['message.read', 'message.failed'], secret: signing });
		expect(await outcome(harness, statusEvent('message.read', 'instagram'))).toEqual({ started: true, answer: { received: true } });
		expect(await outcome(harness, statusEvent('message.delivered', 'instagram'))).toEqual({
			started: false,
			answer: { received: true, ignored: 'event' },
		});
		expect(await outcome(harness, receivedText())).toEqual({ started: false, answer: { received: true, ignored: 'event' } });
	});

	it('defaults to message.received', async () => {
		const harness = new TriggerHarness({ secret: signing });
		expect((await outcome(harness, receivedText())).started).toBe(true);
		expect((await outcome(harness, statusEvent('message.sent', 'whatsapp'))).started).toBe(false);
	});
});

describe('filters', () => {
	it('Channels: only the listed channel IDs start', async () => {
		const harness = new TriggerHarness({ secret: signing, options: { channels: ['a1b2c3d4e5f67890', 'other'] } });
		expect((await outcome(harness, receivedText())).started).toBe(true);
		expect(await outcome(harness, receivedText({ channel_id: 'zzz' }))).toEqual({
			started: false,
			answer: { received: true, ignored: 'channel' },
		});
	});

	it('Channels: a comma-separated expression result works too', async () => {
		const harness = new TriggerHarness({ secret: signing, options: { channels: 'x1, a1b2c3d4e5f67890' } });
		expect((await outcome(harness, receivedText())).started).toBe(true);
		expect((await outcome(harness, receivedText({ channel_id: 'x2' }))).started).toBe(false);
	});

	it('Channel Types: only the listed channel types start', async () => {
		const harness = new TriggerHarness({ secret: signing, options: { channelTypes: ['instagram', 'facebook'] } });
		expect((await outcome(harness, receivedText({ channel_type: 'instagram' }))).started).toBe(true);
		expect((await outcome(harness, receivedText({ channel_type: 'facebook' }))).started).toBe(true);
		expect(await outcome(harness, receivedText())).toEqual({ started: false, answer: { received: true, ignored: 'channelType' } });
		expect((await outcome(harness, receivedText({ channel_type: undefined }))).started).toBe(false);
	});

	it.each([
		['text', () => receivedText(), true],
		['image', () => receivedText({}, { type: 'image', media: { kind: 'image' } }), false],
		['unsupported', () => receivedText({}, { type: 'unsupported', unsupported_type: 'image', upgrade_required: 'pro' }), false],
	])('Message Types [text]: a %s message starts=%s', async (_type, make, started) => {
		const harness = new TriggerHarness({ secret: signing, options: { messageTypes: ['text'] } });
		expect((await outcome(harness, make())).started).toBe(started);
	});

	it('Message Types: Voice matches voice notes only, Audio matches audio files only', async () => {
		const voiceOnly = new TriggerHarness({ secret: signing, options: { messageTypes: ['voice'] } });
		expect((await outcome(voiceOnly, voiceNote())).started).toBe(true);
		const audioFile = receivedText({}, { type: 'audio', media: { kind: 'audio' } });
		expect(await outcome(voiceOnly, audioFile)).toEqual({ started: false, answer: { received: true, ignored: 'messageType' } });
		const audioOnly = new TriggerHarness({ secret: signing, options: { messageTypes: ['audio'] } });
		expect((await outcome(audioOnly, receivedText({}, { type: 'audio', media: { kind: 'audio' } }))).started).toBe(true);
		expect((await outcome(audioOnly, voiceNote())).started).toBe(false);
	});

	it('Message Types: a received message without a type is ignored, status events are not filtered by type', async () => {
		const harness = new TriggerHarness({
			events: ['message.received', 'message.delivered'],
			secret: signing,
			options: { messageTypes: ['image', 'sticker'] },
		});
		expect((await outcome(harness, receivedText({}, { type: undefined }))).started).toBe(false);
		expect((await outcome(harness, statusEvent('message.delivered', 'facebook'))).started).toBe(true);
		expect((await outcome(harness, receivedText({}, { type: 'sticker', media: { kind: 'sticker' } }))).started).toBe(true);
	});

	it('combines filters: every filter must match', async () => {
		const harness = new TriggerHarness({
			secret: signing,
			options: { channels: ['a1b2c3d4e5f67890'], channelTypes: ['whatsapp'], messageTypes: ['text'] },
		});
		expect((await outcome(harness, receivedText())).started).toBe(true);
		expect((await outcome(harness, receivedText({ channel_type: 'instagram' }))).started).toBe(false);
		expect((await outcome(harness, receivedText({}, { type: 'video' }))).started).toBe(false);
	});

	it('messageTypeOf prefers the media kind over data.type', () => {
		expect(messageTypeOf(voiceNote() as FiwanoEvent)).toBe('voice');
		expect(messageTypeOf(receivedText() as FiwanoEvent)).toBe('text');
		expect(messageTypeOf(receivedText({}, { type: 5 }) as FiwanoEvent)).toBeUndefined();
	});
});

describe('duplicate deliveries', () => {
	it('starts once for the same event delivered again (a Fiwano retry), answering 200 both times', async () => {
		const harness = new TriggerHarness({ secret: signing });
		const event = receivedText();
		expect(await outcome(harness, event)).toEqual({ started: true, answer: { received: true } });
		expect(await outcome(harness, event)).toEqual({ started: false, answer: { received: true, duplicate: true } });
		// A retry is a new request with the same content, even if re-serialised differently.
		expect((await outcome(harness, { ...event, timestamp: '2025-01-15T10:30:09Z' })).started).toBe(false);
	});

	it('treats different statuses, channels or event types of one message as different events', async () => {
		const harness = new TriggerHarness({ events: ['message.delivered', 'message.read'], secret: signing });
		expect((await outcome(harness, statusEvent('message.delivered', 'whatsapp'))).started).toBe(true);
		expect((await outcome(harness, statusEvent('message.read', 'whatsapp'))).started).toBe(true);
		expect((await outcome(harness, { ...statusEvent('message.read', 'whatsapp'), channel_id: 'other' })).started).toBe(true);
		expect((await outcome(harness, statusEvent('message.read', 'whatsapp'))).started).toBe(false);
	});

	it('does not let one workflow swallow the same event meant for another', async () => {
		const event = receivedText();
		const first = new TriggerHarness({ secret: signing });
		const second = new TriggerHarness({ secret: signing });
		expect((await outcome(first, event)).started).toBe(true);
		expect((await outcome(second, event)).started).toBe(true);
	});

	it('does not deduplicate events without a message id', async () => {
		const harness = new TriggerHarness({ secret: signing });
		const event = receivedText({}, { message_id: undefined });
		expect((await outcome(harness, event)).started).toBe(true);
		expect((await outcome(harness, event)).started).toBe(true);
	});

	it('does not remember deliveries rejected for their signature', async () => {
		const harness = new TriggerHarness({ secret: signing, options: { channelTypes: ['instagram'] } });
		const event = receivedText({ channel_type: 'instagram' });
		await harness.send({ raw: JSON.stringify(event), headers: { 'x-webhook-signature': 'sha256=00' } });
		expect((await outcome(harness, event)).started).toBe(true);
	});
});

describe('DedupCache', () => {
	it('forgets a key after 10 minutes', () => {
		const cache = new DedupCache();
		expect(cache.isDuplicate('k', 0)).toBe(false);
		expect(cache.isDuplicate('k', 10 * 60 * 1000 - 1)).toBe(true);
		expect(cache.isDuplicate('k', 10 * 60 * 1000 + 5)).toBe(false);
	});

	it('expires old entries as time passes, keeping memory proportional to the last 10 minutes', () => {
		const cache = new DedupCache(1000, 100);
		for (let i = 0; i < 50; i++) cache.isDuplicate(`old${i}`, i);
		expect(cache.size).toBe(50);
		cache.isDuplicate('new', 5000);
		expect(cache.size).toBe(1);
	});

	it('never holds more than the cap, evicting the oldest first', () => {
		const cache = new DedupCache(60_000, 1000);
		for (let i = 0; i < 50_000; i++) cache.isDuplicate(`key${i}`, 1);
		expect(cache.size).toBe(1000);
		expect(cache.isDuplicate('key49999', 2)).toBe(true);
		expect(cache.isDuplicate('key0', 2)).toBe(false);
	});

	it('keeps the default cap at 10,000 keys under a flood of distinct events', () => {
		const cache = new DedupCache();
		for (let i = 0; i < 25_000; i++) cache.isDuplicate(`k${i}`, 1);
		expect(cache.size).toBe(10_000);
	});

	it('builds fixed-size keys whatever the id length', () => {
		const long = receivedText({}, { message_id: 'x'.repeat(100_000) }) as FiwanoEvent;
		expect(dedupKey('wf:node', long)).toHaveLength(28);
		expect(dedupKey('wf:node', receivedText({}, { message_id: 42 }) as FiwanoEvent)).toHaveLength(28);
	});
});
