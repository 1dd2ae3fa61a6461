import nock from 'nock';
import type {
	IDataObject,
	INodeParameters,
	INodeProperties,
	INodePropertyOptions,
} from 'n8n-workflow';

import { isLoopbackHost, webhookUrlProblem } from '../../nodes/shared/webhookRules';
import { fiwanoNode, fiwanoTriggerNode } from '../helpers/node-types';
import {
	PRODUCTION_URL,
	receivedText,
	TRIGGER_API_KEY,
	TRIGGER_BASE_URL,
	TriggerHarness,
} from '../helpers/trigger-harness';

const signing = ['echo', 'signing', 'value'].join('-');
let echoCounter = 0;

/** A message.echo as the API documents it: data.recipient, status "sent", a Fiwano UUID. */
function echo(data: IDataObject = {}, overrides: IDataObject = {}): IDataObject {
	return {
		event: 'message.echo',
		channel_id: 'a1b2c3d4e5f67890',
		channel_type: 'whatsapp',
		timestamp: '2026-09-15T10:30:00Z',
		data: {
			message_id: `0b6f3a52-0000-4000-8000-${String(++echoCounter).padStart(12, '0')}`,
			recipient: '15551234567',
			status: 'sent',
			type: 'text',
			text: 'Staff here, I will help you',
			...data,
		},
		...overrides,
	};
}

async function outcome(harness: TriggerHarness, event: unknown) {
	const delivery = await harness.sendSigned(event, signing);
	expect(delivery.response.statusCode).toBe(200);
	return { started: delivery.started, answer: delivery.response.json, result: delivery.result };
}

const values = (property: INodeProperties) =>
	(property.options as INodePropertyOptions[]).map((option) => option.value);

describe('message.echo in the descriptions', () => {
	it('Trigger On lists Message Received first, then the rest by name, Echo included', () => {
		const events = fiwanoTriggerNode().description.properties.find((p) => p.name === 'events')!;
		expect(values(events)).toEqual([
			'message.received',
			'message.delivered',
			'message.echo',
			'message.failed',
			'message.read',
			'message.sent',
		]);
		expect(events.default).toEqual(['message.received']);
	});

	it('every webhook-events field of the action node offers message.echo', () => {
		const fields = fiwanoNode()
			.description.properties.filter(
				(p) =>
					['webhook', 'updateFields'].includes(p.name) &&
					(p.displayOptions?.show?.resource ?? []).includes('channel'),
			)
			.map(
				(collection) =>
					(collection.options as INodeProperties[]).find((o) => o.name === 'webhookEvents')!,
			);
		expect(fields).toHaveLength(2);
		for (const field of fields) expect(values(field)).toContain('message.echo');
	});
});

describe('echo deliveries', () => {
	it('start the workflow only when Message Echo is selected', async () => {
		const withEcho = new TriggerHarness({
			events: ['message.received', 'message.echo'],
			secret: signing,
		});
		const event = echo();
		const { started, answer, result } = await outcome(withEcho, event);
		expect({ started, answer }).toEqual({ started: true, answer: { received: true } });
		expect(result.workflowData).toEqual([[{ json: event }]]);

		const withoutEcho = new TriggerHarness({ secret: signing });
		expect(await outcome(withoutEcho, echo())).toMatchObject({
			started: false,
			answer: { received: true, ignored: 'event' },
		});
	});

	it('Message Types applies to echoes as to received messages', async () => {
		const harness = new TriggerHarness({
			events: ['message.echo', 'message.read'],
			secret: signing,
			options: { messageTypes: ['text'] },
		});
		expect((await outcome(harness, echo())).started).toBe(true);
		const imageEcho = echo({
			type: 'image',
			text: undefined,
			caption: 'our menu',
			media: { download_url: null, unavailable: 'echo_media_not_supported' },
		});
		expect(await outcome(harness, imageEcho)).toMatchObject({
			started: false,
			answer: { received: true, ignored: 'messageType' },
		});
		// An echo status (Echo Statuses) is a status: not filtered by type.
		const readOfEcho = {
			event: 'message.read',
			channel_id: 'b2c3d4e5f6789012',
			channel_type: 'instagram',
			timestamp: '2026-09-15T10:31:00Z',
			data: { message_id: 'echo-uuid-1', status: 'read', recipient: '6543217890123456' },
		};
		expect((await outcome(harness, readOfEcho)).started).toBe(true);
	});

	it('a media echo is emitted as sent, without a download attempt (echoes carry no file)', async () => {
		const harness = new TriggerHarness({
			events: ['message.echo'],
			secret: signing,
			options: { downloadMedia: true },
		});
		const mediaEcho = echo({
			type: 'image',
			media: { download_url: null, unavailable: 'echo_media_not_supported' },
		});
		const { started, result } = await outcome(harness, mediaEcho);
		expect(started).toBe(true);
		expect(result.workflowData).toEqual([[{ json: mediaEcho }]]);
	});

	it('duplicate suppression keys echoes by data.message_id', async () => {
		const harness = new TriggerHarness({
			events: ['message.received', 'message.echo'],
			secret: signing,
		});
		const first = echo();
		expect((await outcome(harness, first)).started).toBe(true);
		// A redelivery (new timestamp, same message_id) is a duplicate.
		expect(await outcome(harness, { ...first, timestamp: '2026-09-15T10:30:05Z' })).toMatchObject({
			started: false,
			answer: { received: true, duplicate: true },
		});
		// Another echo to the same customer with the same text is a new event.
		expect((await outcome(harness, echo())).started).toBe(true);
		// A received message with the same id is another event type.
		const sameId = receivedText({}, { message_id: (first.data as IDataObject).message_id });
		expect((await outcome(harness, sameId)).started).toBe(true);
	});

	it('album parts (.2, .3 suffixed message ids) pass the duplicate check as distinct events', async () => {
		const harness = new TriggerHarness({
			events: ['message.received', 'message.echo'],
			secret: signing,
		});
		const album = ['mid.album1', 'mid.album1.2', 'mid.album1.3'].map((id, index) =>
			receivedText(
				{ channel_type: 'instagram', channel_id: 'b2c3d4e5f6789012' },
				{
					message_id: id,
					type: 'image',
					...(index === 0 ? { caption: 'look' } : {}),
					media: { kind: 'image' },
				},
			),
		);
		for (const part of album) expect((await outcome(harness, part)).started).toBe(true);
		// Redelivery of a part is still a duplicate.
		expect((await outcome(harness, album[1])).started).toBe(false);
		const echoAlbum = ['e-1', 'e-1.2'].map((id) => echo({ message_id: id, type: 'image' }));
		for (const part of echoAlbum) expect((await outcome(harness, part)).started).toBe(true);
	});
});

const api = () =>
	nock(TRIGGER_BASE_URL)
		.matchHeader('x-api-key', TRIGGER_API_KEY)
		.matchHeader('x-fiwano-client', 'n8n-nodes-fiwano');

function channel(id: string, channelType: string): IDataObject {
	return {
		id,
		channel_type: channelType,
		name: id,
		is_active: true,
		webhook_url: null,
		webhook_events: null,
	};
}

function selected(ids: string[], events: string[], extra: INodeParameters = {}): INodeParameters {
	return {
		events,
		webhookSetup: 'selectedChannels',
		secret: signing,
		channelIds: { channel: ids.map((value) => ({ channelId: { __rl: true, mode: 'id', value } })) },
		...extra,
	};
}

describe('automatic setup and message.echo', () => {
	afterEach(() => expect(nock.pendingMocks()).toEqual([]));

	it('registers message.echo on WhatsApp, Instagram and Facebook channels only when selected', async () => {
		const channels = [
			channel('wa1', 'whatsapp'),
			channel('ig1', 'instagram'),
			channel('fb1', 'facebook'),
		];
		api().get('/api/v1/channels').reply(200, { channels });
		for (const { id } of channels) {
			api()
				.patch(`/api/v1/channels/${id}`, {
					webhook_url: PRODUCTION_URL,
					webhook_events: ['message.received', 'message.echo'],
					webhook_secret: signing,
				})
				.reply(200, { id });
		}
		const harness = new TriggerHarness(
			selected(['wa1', 'ig1', 'fb1'], ['message.received', 'message.echo']),
		);
		expect(await harness.hook('create')).toBe(true);

		api().get('/api/v1/channels').reply(200, { channels });
		api()
			.patch('/api/v1/channels/ig1', {
				webhook_url: PRODUCTION_URL,
				webhook_events: ['message.received'],
				webhook_secret: signing,
			})
			.reply(200, { id: 'ig1' });
		const withoutEcho = new TriggerHarness(selected(['ig1'], ['message.received', 'message.sent']));
		expect(await withoutEcho.hook('create')).toBe(true);
	});
});

/** A harness whose n8n builds webhook URLs from `instance` (what WEBHOOK_URL sets). */
function harnessAt(instance: string, parameters: INodeParameters, baseUrl = TRIGGER_BASE_URL) {
	const harness = new TriggerHarness(parameters, { apiKey: TRIGGER_API_KEY, baseUrl });
	const data = (harness as unknown as { additionalData: IDataObject }).additionalData;
	data.webhookBaseUrl = `${instance}/webhook`;
	return harness;
}

async function refusal(harness: TriggerHarness): Promise<string> {
	const error = await harness.hook('create').then(
		() => undefined,
		(thrown: Error) => thrown,
	);
	expect(error).toBeInstanceOf(Error);
	return error!.message;
}

describe('platform rules before any request', () => {
	afterEach(() => expect(nock.pendingMocks()).toEqual([]));

	it.each([
		['http://localhost:5678', 'points at this machine (localhost)'],
		['https://localhost', 'points at this machine (localhost)'],
		['https://127.0.0.1', 'points at this machine (127.0.0.1)'],
		['https://127.20.30.40:8443', 'points at this machine (127.20.30.40)'],
		['https://[::1]:5678', 'points at this machine ([::1])'],
		['http://n8n.example.test', 'is not HTTPS; Fiwano delivers only to HTTPS URLs'],
	])(
		'automatic setup refuses a webhook URL on %s, explaining WEBHOOK_URL and tunnels',
		async (instance, reason) => {
			// No interceptor: any request would fail the test with a different error.
			const message = await refusal(harnessAt(instance, selected(['wa1'], ['message.received'])));
			expect(message).toContain(reason);
			expect(message).toContain('WEBHOOK_URL');
			expect(message).toContain('tunnel');
		},
	);

	it('allows hosts that only contain "localhost" as a label, and any URL against a local API', async () => {
		api()
			.get('/api/v1/channels')
			.reply(200, { channels: [channel('wa1', 'whatsapp')] });
		api()
			.patch('/api/v1/channels/wa1', (body: IDataObject) =>
				String(body.webhook_url).startsWith('https://localhost.example.com/'),
			)
			.reply(200, { id: 'wa1' });
		const named = harnessAt(
			'https://localhost.example.com',
			selected(['wa1'], ['message.received']),
		);
		expect(await named.hook('create')).toBe(true);

		const sandbox = 'http://127.0.0.1:4010';
		nock(sandbox)
			.get('/api/v1/channels')
			.reply(200, { channels: [channel('wa1', 'whatsapp')] });
		nock(sandbox)
			.patch('/api/v1/channels/wa1', (body: IDataObject) =>
				String(body.webhook_url).startsWith('http://localhost:5678/'),
			)
			.reply(200, { id: 'wa1' });
		const local = harnessAt(
			'http://localhost:5678',
			selected(['wa1'], ['message.received']),
			sandbox,
		);
		expect(await local.hook('create')).toBe(true);
	});

	it('refuses webhook secrets over 64 characters (node field, Previous Secret, credential), manual setup too', async () => {
		const long = 'x'.repeat(65);
		expect(
			await refusal(new TriggerHarness(selected(['wa1'], ['message.received'], { secret: long }))),
		).toBe(
			'The Webhook Secret of this node is 65 characters long; Fiwano accepts webhook secrets of at most 64 characters. Enter a shorter secret (e.g. 64 hex characters).',
		);
		expect(await refusal(new TriggerHarness({ secret: long }))).toMatch(
			/^The Webhook Secret of this node is 65/,
		);
		expect(
			await refusal(new TriggerHarness({ secret: signing, options: { previousSecret: long } })),
		).toMatch(/^The Previous Secret option is 65/);
		const withCredential = new TriggerHarness(
			{ webhookSetup: 'allChannels' },
			{ apiKey: TRIGGER_API_KEY, baseUrl: TRIGGER_BASE_URL, webhookSecret: long },
		);
		const message = await refusal(withCredential);
		expect(message).toMatch(/^The credential's Webhook Secret is 65/);
		expect(message).not.toContain(long);
	});

	it('isLoopbackHost and webhookUrlProblem', () => {
		for (const host of [
			'localhost',
			'localhost.',
			'127.0.0.1',
			'127.255.0.9',
			'[::1]',
			'::1',
			'[::ffff:7f00:1]',
		])
			expect(isLoopbackHost(host)).toBe(true);
		for (const host of [
			'localhost.example.com',
			'mylocalhost',
			'128.0.0.1',
			'10.0.0.1',
			'[::2]',
			'n8n.example.com',
		])
			expect(isLoopbackHost(host)).toBe(false);
		expect(
			webhookUrlProblem('https://n8n.example.com/webhook/x', 'https://fiwano.com'),
		).toBeUndefined();
		expect(webhookUrlProblem('https://127.1/webhook/x', 'https://fiwano.com')).toContain(
			'(127.0.0.1)',
		);
		expect(webhookUrlProblem('not a url', 'https://fiwano.com')).toMatch(
			/^The webhook URL "not a url" is not a valid URL\./,
		);
		expect(webhookUrlProblem('http://localhost/x', 'http://localhost:4010')).toBeUndefined();
		expect(webhookUrlProblem('http://localhost/x', 'not a url')).toContain(
			'points at this machine',
		);
	});
});
