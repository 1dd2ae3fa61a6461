import nock from 'nock';
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { eventsForChannel } from '../../nodes/FiwanoTrigger/v2/setup';
import { deriveWebhookSecret } from '../../nodes/shared/derivedSecret';
import {
	PRODUCTION_URL,
	TEST_URL,
	TRIGGER_API_KEY,
	TRIGGER_BASE_URL,
	TriggerHarness,
} from '../helpers/trigger-harness';
import { settleWithFakeClock, useFakeClock } from '../helpers/fake-clock';

const signing = ['setup', 'signing', 'value'].join('-');
const credentialSigning = ['credential', 'setup', 'value'].join('-');
const FOREIGN_URL = 'https://other.example/hooks/fiwano';
const ALL = [
	'message.received',
	'message.sent',
	'message.delivered',
	'message.read',
	'message.failed',
];
const META = ['message.received', 'message.delivered', 'message.read'];

interface ChannelFixture extends IDataObject {
	id: string;
	channel_type: string;
	is_active: boolean;
}

function channel(id: string, channelType: string, extra: IDataObject = {}): ChannelFixture {
	return {
		id,
		channel_type: channelType,
		name: `Name ${id}`,
		is_active: true,
		webhook_url: null,
		webhook_events: null,
		...extra,
	};
}

const wa1 = channel('wa1', 'whatsapp');
const ig1 = channel('ig1', 'instagram', {
	webhook_url: PRODUCTION_URL,
	webhook_events: ['message.received'],
});
const fb1 = channel('fb1', 'facebook', {
	webhook_url: FOREIGN_URL,
	webhook_events: ['message.received'],
});
const wa2 = channel('wa2', 'whatsapp', { is_active: false });

function api() {
	return nock(TRIGGER_BASE_URL).matchHeader('x-api-key', TRIGGER_API_KEY);
}

function list(channels: ChannelFixture[]) {
	return api().get('/api/v1/channels').reply(200, { channels, total: channels.length });
}

function patch(
	id: string,
	body: IDataObject,
	status = 200,
	reply: IDataObject = { id },
	times = 1,
) {
	// An object body is matched by deep equality: the request must carry exactly these fields.
	return api()
		.patch(`/api/v1/channels/${id}`, body as Record<string, nock.DataMatcher>)
		.times(times)
		.reply(status, reply);
}

function selected(ids: string[], extra: INodeParameters = {}): INodeParameters {
	return {
		events: ALL,
		webhookSetup: 'selectedChannels',
		secret: signing,
		channelIds: {
			channel: ids.map((value, index) => ({
				channelId: index % 2 ? value : { __rl: true, mode: 'list', value },
			})),
		},
		...extra,
	};
}

function allChannels(extra: INodeParameters = {}): INodeParameters {
	return {
		events: ALL,
		webhookSetup: 'allChannels',
		secret: signing,
		...extra,
	};
}

async function expectError(
	promise: Promise<unknown>,
	message: string | RegExp,
	description?: string | RegExp,
) {
	const error = (await promise.then(
		() => undefined,
		(thrown: unknown) => thrown,
	)) as { message: string; description?: string } | undefined;
	expect(error).toBeDefined();
	expect(error!.message).toMatch(message);
	if (description !== undefined) expect(error!.description).toMatch(description);
	for (const hidden of [TRIGGER_API_KEY, signing]) {
		expect(
			JSON.stringify({
				message: error!.message,
				description: error!.description,
			}),
		).not.toContain(hidden);
	}
	return error!;
}

describe('Fiwano Trigger lifecycle', () => {
	// Inside the describe so it runs before the global nock cleanup.
	afterEach(() => {
		jest.useRealTimers();
		// Every interceptor a test declares must have been used.
		expect(nock.pendingMocks()).toEqual([]);
	});

	describe('events per channel type', () => {
		it('WhatsApp takes all five events; Instagram and Facebook received, delivered, read', () => {
			expect(eventsForChannel('whatsapp', ALL)).toEqual(ALL);
			expect(eventsForChannel('instagram', ALL)).toEqual(META);
			expect(eventsForChannel('facebook', ALL)).toEqual(META);
			expect(eventsForChannel('facebook', ['message.sent', 'message.failed'])).toEqual([]);
			expect(eventsForChannel('telegram', ALL)).toEqual([]);
		});
	});

	describe('Manual setup', () => {
		it('registers nothing and calls no API', async () => {
			const harness = new TriggerHarness({ events: ALL, secret: signing });
			expect(await harness.hook('checkExists')).toBe(true);
			expect(await harness.hook('create')).toBe(true);
			expect(await harness.hook('delete')).toBe(true);
			expect(harness.staticData).toEqual({});
		});

		it('is ready with the credential secret or with unsigned deliveries allowed', async () => {
			const withCredential = new TriggerHarness(
				{ events: ALL },
				{
					apiKey: TRIGGER_API_KEY,
					baseUrl: TRIGGER_BASE_URL,
					webhookSecret: credentialSigning,
				},
			);
			expect(await withCredential.hook('checkExists')).toBe(true);
			const unsigned = new TriggerHarness({
				events: ALL,
				options: { allowUnsigned: true },
			});
			expect(await unsigned.hook('checkExists')).toBe(true);
		});

		it('refuses to activate without any secret, saying how to fix it', async () => {
			const harness = new TriggerHarness({ events: ALL });
			expect(await harness.hook('checkExists')).toBe(false);
			await expectError(
				harness.hook('create'),
				'No webhook secret to verify Fiwano signatures with',
				/Webhook Secret field/,
			);
		});
	});

	describe('Automatic for selected channels', () => {
		it('PATCHes each selected channel with this URL, the events valid for its type, and the secret', async () => {
			list([wa1, ig1, fb1, wa2]);
			patch('wa1', {
				webhook_url: PRODUCTION_URL,
				webhook_events: ALL,
				webhook_secret: signing,
			});
			patch('ig1', {
				webhook_url: PRODUCTION_URL,
				webhook_events: META,
				webhook_secret: signing,
			});
			const harness = new TriggerHarness(selected(['wa1', 'ig1']));
			expect(await harness.hook('create')).toBe(true);
			expect(harness.staticData).toEqual({
				ownUrls: [PRODUCTION_URL],
				registrations: { [PRODUCTION_URL]: { channels: ['wa1', 'ig1'] } },
				lastActivation: {
					[PRODUCTION_URL]: {
						wired: [
							{ id: 'wa1', name: 'Name wa1', events: ALL },
							{ id: 'ig1', name: 'Name ig1', events: META },
						],
						left: [],
					},
				},
			});
		});

		it('wires a selected channel even when it points at another URL (the user chose it)', async () => {
			list([fb1]);
			patch('fb1', {
				webhook_url: PRODUCTION_URL,
				webhook_events: ['message.received'],
				webhook_secret: signing,
			});
			const harness = new TriggerHarness(
				selected(['fb1'], { events: ['message.received', 'message.failed'] }),
			);
			expect(await harness.hook('create')).toBe(true);
		});

		it('fails clearly for an unknown channel, changing nothing', async () => {
			list([wa1]);
			const harness = new TriggerHarness(selected(['wa1', 'nope']));
			await expectError(harness.hook('create'), 'Channel nope was not found');
			expect(harness.staticData).toEqual({});
		});

		it('fails clearly when none of the selected events applies to a channel type', async () => {
			list([ig1]);
			const harness = new TriggerHarness(
				selected(['ig1'], { events: ['message.sent', 'message.failed'] }),
			);
			await expectError(
				harness.hook('create'),
				'None of the selected events applies to channel Name ig1 · Instagram (ig1)',
				'A instagram channel supports: message.received, message.delivered, message.read, message.echo.',
			);
		});

		it('fails clearly when no channel is selected', async () => {
			list([wa1]);
			const harness = new TriggerHarness(selected([]));
			await expectError(harness.hook('create'), 'No channel selected');
		});

		it('rolls back the channels already wired when a later PATCH fails, and names the failing channel', async () => {
			list([wa1, ig1]);
			patch('wa1', {
				webhook_url: PRODUCTION_URL,
				webhook_events: ALL,
				webhook_secret: signing,
			});
			patch(
				'ig1',
				{
					webhook_url: PRODUCTION_URL,
					webhook_events: META,
					webhook_secret: signing,
				},
				422,
				{
					detail: [{ loc: ['body', 'webhook_url'], msg: 'must be HTTPS' }],
				},
			);
			patch('wa1', { webhook_url: null, webhook_events: [] });
			const harness = new TriggerHarness(selected(['wa1', 'ig1']));
			await expectError(
				harness.hook('create'),
				'Could not wire channel Name ig1 · Instagram (ig1) to this trigger: Invalid fields: webhook_url: must be HTTPS',
				/The 1 channel\(s\) already changed got their webhook URL and events back\. Their webhook secret is now this trigger's/,
			);
			expect(harness.staticData.registrations).toBeUndefined();
		});

		it('restores the previous URL and events of a channel it took over', async () => {
			list([fb1, wa1]);
			patch('fb1', {
				webhook_url: PRODUCTION_URL,
				webhook_events: META,
				webhook_secret: signing,
			});
			patch(
				'wa1',
				{
					webhook_url: PRODUCTION_URL,
					webhook_events: ALL,
					webhook_secret: signing,
				},
				500,
				{},
			);
			patch('fb1', {
				webhook_url: FOREIGN_URL,
				webhook_events: ['message.received'],
			});
			const harness = new TriggerHarness(selected(['fb1', 'wa1']));
			await expectError(
				harness.hook('create'),
				/^Could not wire channel Name wa1 · WhatsApp \(wa1\) to this trigger: Fiwano API error 500$/,
			);
		});

		it('says which channels it could not restore', async () => {
			list([wa1, ig1]);
			patch('wa1', {
				webhook_url: PRODUCTION_URL,
				webhook_events: ALL,
				webhook_secret: signing,
			});
			patch(
				'ig1',
				{
					webhook_url: PRODUCTION_URL,
					webhook_events: META,
					webhook_secret: signing,
				},
				500,
				{},
			);
			// Rollback tries three times (two quick retries) before giving up; jest's clock skips the waits.
			patch('wa1', { webhook_url: null, webhook_events: [] }, 500, {}, 3);
			const harness = new TriggerHarness(selected(['wa1', 'ig1']));
			useFakeClock();
			await expectError(
				settleWithFakeClock(harness.hook('create')),
				/\(ig1\)/,
				/Could not restore Name wa1 · WhatsApp \(wa1\): they point at this trigger's URL, which is not served while the workflow is inactive; check them in the Fiwano portal\./,
			);
		});

		it('reports a failing channel list with the mapped API error', async () => {
			api().get('/api/v1/channels').reply(401, { detail: 'Invalid API key' });
			const harness = new TriggerHarness(selected(['wa1']));
			await expectError(harness.hook('create'), 'Fiwano rejected the API key');
		});

		it('checkExists: true only while every selected channel still points here with the same events', async () => {
			const harness = new TriggerHarness(selected(['wa1', 'ig1']));
			expect(await harness.hook('checkExists')).toBe(false); // nothing registered: no API call

			harness.staticData.registrations = {
				[PRODUCTION_URL]: { channels: ['wa1', 'ig1'] },
			};
			const here = (extra: IDataObject = {}) => [
				channel('wa1', 'whatsapp', {
					webhook_url: PRODUCTION_URL,
					webhook_events: ALL,
				}),
				channel('ig1', 'instagram', {
					webhook_url: PRODUCTION_URL,
					webhook_events: META,
					...extra,
				}),
			];
			list(here());
			expect(await harness.hook('checkExists')).toBe(true);
			list(here({ webhook_url: FOREIGN_URL }));
			expect(await harness.hook('checkExists')).toBe(false);
			list(here({ webhook_events: ['message.received'] }));
			expect(await harness.hook('checkExists')).toBe(false);
			list([here()[0]]);
			expect(await harness.hook('checkExists')).toBe(false);

			const more = new TriggerHarness(selected(['wa1', 'ig1', 'fb1']), undefined, {
				staticData: {
					'node:Fiwano Trigger': {
						registrations: { [PRODUCTION_URL]: { channels: ['wa1', 'ig1'] } },
					},
				},
			});
			list(here());
			expect(await more.hook('checkExists')).toBe(false);
		});

		it('delete clears only the channels that still point at this trigger', async () => {
			const harness = new TriggerHarness(selected(['wa1', 'ig1', 'fb1']), undefined, {
				staticData: {
					'node:Fiwano Trigger': {
						registrations: {
							[PRODUCTION_URL]: { channels: ['wa1', 'ig1', 'fb1', 'gone'] },
						},
					},
				},
			});
			list([
				channel('wa1', 'whatsapp', { webhook_url: PRODUCTION_URL }),
				channel('ig1', 'instagram', { webhook_url: FOREIGN_URL }),
				channel('fb1', 'facebook', { webhook_url: TEST_URL }),
			]);
			patch('wa1', { webhook_url: null, webhook_events: [] });
			expect(await harness.hook('delete')).toBe(true);
			expect(harness.staticData.registrations).toEqual({});
		});

		it('delete names a channel it could not clear, keeps it registered, and retries next time', async () => {
			const harness = new TriggerHarness(selected(['wa1', 'ig1']), undefined, {
				staticData: {
					'node:Fiwano Trigger': {
						registrations: { [PRODUCTION_URL]: { channels: ['wa1', 'ig1'] } },
					},
				},
			});
			const pointing = [
				channel('wa1', 'whatsapp', { webhook_url: PRODUCTION_URL }),
				channel('ig1', 'instagram', { webhook_url: PRODUCTION_URL }),
			];
			list(pointing);
			patch('wa1', { webhook_url: null, webhook_events: [] });
			// Deactivation tries three times (two quick retries) before giving up; jest's clock skips the waits.
			patch('ig1', { webhook_url: null, webhook_events: [] }, 502, { detail: 'Meta down' }, 3);
			useFakeClock();
			await expectError(
				settleWithFakeClock(harness.hook('delete')),
				'Could not clear the webhook of Name ig1 · Instagram (ig1): Meta API error: Meta down',
				/still point at this trigger/,
			);
			expect(harness.staticData.registrations).toEqual({
				[PRODUCTION_URL]: { channels: ['ig1'] },
			});
			list([channel('wa1', 'whatsapp'), pointing[1]]);
			patch('ig1', { webhook_url: null, webhook_events: [] });
			expect(await harness.hook('delete')).toBe(true);
			expect(harness.staticData.registrations).toEqual({});
		});

		it('delete without a registration changes no channel that does not point here', async () => {
			const harness = new TriggerHarness(selected(['wa1']));
			list([wa1, fb1]);
			expect(await harness.hook('delete')).toBe(true);
		});
	});

	describe('Automatic for all active channels', () => {
		it('wires free channels and its own, leaves foreign and inactive ones, and reports both', async () => {
			list([wa1, ig1, fb1, wa2]);
			patch('wa1', {
				webhook_url: PRODUCTION_URL,
				webhook_events: ALL,
				webhook_secret: signing,
			});
			patch('ig1', {
				webhook_url: PRODUCTION_URL,
				webhook_events: META,
				webhook_secret: signing,
			});
			const harness = new TriggerHarness(allChannels());
			expect(await harness.hook('create')).toBe(true);
			expect(harness.staticData.registrations).toEqual({
				[PRODUCTION_URL]: { channels: ['wa1', 'ig1'] },
			});
			expect(harness.staticData.lastActivation).toEqual({
				[PRODUCTION_URL]: {
					wired: [
						{ id: 'wa1', name: 'Name wa1', events: ALL },
						{ id: 'ig1', name: 'Name ig1', events: META },
					],
					left: [{ id: 'fb1', name: 'Name fb1', reason: 'wired to another URL' }],
				},
			});
		});

		it('takes over foreign channels only with Take Over Channels on', async () => {
			list([wa1, fb1]);
			patch('wa1', {
				webhook_url: PRODUCTION_URL,
				webhook_events: ['message.received'],
				webhook_secret: signing,
			});
			patch('fb1', {
				webhook_url: PRODUCTION_URL,
				webhook_events: ['message.received'],
				webhook_secret: signing,
			});
			const harness = new TriggerHarness(
				allChannels({
					events: ['message.received'],
					options: { takeOverChannels: true },
				}),
			);
			expect(await harness.hook('create')).toBe(true);
			expect(harness.staticData.registrations).toEqual({
				[PRODUCTION_URL]: { channels: ['wa1', 'fb1'] },
			});
		});

		it('leaves channels whose type supports none of the selected events', async () => {
			list([wa1, ig1]);
			patch('wa1', {
				webhook_url: PRODUCTION_URL,
				webhook_events: ['message.sent'],
				webhook_secret: signing,
			});
			const harness = new TriggerHarness(allChannels({ events: ['message.sent'] }));
			expect(await harness.hook('create')).toBe(true);
			expect((harness.staticData.lastActivation as IDataObject)[PRODUCTION_URL]).toEqual({
				wired: [{ id: 'wa1', name: 'Name wa1', events: ['message.sent'] }],
				left: [
					{
						id: 'ig1',
						name: 'Name ig1',
						reason: 'no selected event applies to instagram',
					},
				],
			});
		});

		it('fails activation, naming the channels left alone, when nothing could be wired', async () => {
			list([fb1, wa2]);
			const harness = new TriggerHarness(allChannels());
			await expectError(
				harness.hook('create'),
				'No active channel could be wired to this trigger',
				'Left alone: Name fb1 (fb1): wired to another URL. Turn on the option Take Over Channels to rewire channels that point at another URL.',
			);
		});

		it('fails activation when the account has no active channel', async () => {
			list([wa2]);
			await expectError(
				new TriggerHarness(allChannels()).hook('create'),
				'No active channel could be wired to this trigger',
				/Connect one/,
			);
		});

		it('checkExists ignores channels it left alone', async () => {
			const harness = new TriggerHarness(allChannels(), undefined, {
				staticData: {
					'node:Fiwano Trigger': {
						registrations: { [PRODUCTION_URL]: { channels: ['wa1'] } },
					},
				},
			});
			list([
				channel('wa1', 'whatsapp', {
					webhook_url: PRODUCTION_URL,
					webhook_events: ALL,
				}),
				fb1,
			]);
			expect(await harness.hook('checkExists')).toBe(true);
		});

		it('a full cycle: activate, exists, deactivate, gone', async () => {
			const harness = new TriggerHarness(allChannels());
			list([wa1, fb1]);
			patch('wa1', {
				webhook_url: PRODUCTION_URL,
				webhook_events: ALL,
				webhook_secret: signing,
			});
			expect(await harness.hook('create')).toBe(true);
			list([
				channel('wa1', 'whatsapp', {
					webhook_url: PRODUCTION_URL,
					webhook_events: ALL,
				}),
				fb1,
			]);
			expect(await harness.hook('checkExists')).toBe(true);
			list([
				channel('wa1', 'whatsapp', {
					webhook_url: PRODUCTION_URL,
					webhook_events: ALL,
				}),
				fb1,
			]);
			patch('wa1', { webhook_url: null, webhook_events: [] });
			expect(await harness.hook('delete')).toBe(true);
			expect(await harness.hook('checkExists')).toBe(false);
			expect(harness.staticData).toEqual({
				ownUrls: [PRODUCTION_URL],
				registrations: {},
				lastActivation: {},
			});
		});
	});

	describe('secrets registered by automatic setup', () => {
		it("registers the credential's Webhook Secret when the node has none", async () => {
			list([wa1]);
			patch('wa1', {
				webhook_url: PRODUCTION_URL,
				webhook_events: ALL,
				webhook_secret: credentialSigning,
			});
			const harness = new TriggerHarness(selected(['wa1'], { secret: '' }), {
				apiKey: TRIGGER_API_KEY,
				baseUrl: TRIGGER_BASE_URL,
				webhookSecret: credentialSigning,
			});
			expect(await harness.hook('create')).toBe(true);
			expect(harness.staticData.generatedSecret).toBeUndefined();
		});

		it('registers a secret derived from the credential per workflow and node, the same on every activation, stored nowhere', async () => {
			const bodies: IDataObject[] = [];
			const record = (body: IDataObject) => (bodies.push(body), true);
			const harness = new TriggerHarness(selected(['wa1'], { secret: '' }));
			list([wa1]);
			api().patch('/api/v1/channels/wa1', record).reply(200, {});
			expect(await harness.hook('create')).toBe(true);
			harness.staticData.registrations = {};
			list([wa1]);
			api().patch('/api/v1/channels/wa1', record).reply(200, {});
			expect(await harness.hook('create')).toBe(true);
			expect(bodies[0].webhook_secret).toBe(
				deriveWebhookSecret(TRIGGER_API_KEY, harness.workflow.id, 'trigger-node'),
			);
			expect(bodies[1].webhook_secret).toBe(bodies[0].webhook_secret);
			expect(JSON.stringify(harness.workflow.staticData)).not.toContain(
				String(bodies[0].webhook_secret),
			);
			// Another workflow (same credential, same node ID) gets another secret.
			const other = new TriggerHarness(selected(['wa1'], { secret: '' }));
			list([wa1]);
			api().patch('/api/v1/channels/wa1', record).reply(200, {});
			expect(await other.hook('create')).toBe(true);
			expect(bodies[2].webhook_secret).toMatch(/^[0-9a-f]{64}$/);
			expect(bodies[2].webhook_secret).not.toBe(bodies[0].webhook_secret);
		});
	});

	describe("the editor's test URL", () => {
		it('wires and clears the test URL separately from the production registration', async () => {
			const harness = new TriggerHarness(selected(['wa1']), undefined, {
				staticData: {
					'node:Fiwano Trigger': {
						registrations: { [PRODUCTION_URL]: { channels: ['ig1'] } },
					},
				},
			});
			list([wa1]);
			patch('wa1', {
				webhook_url: TEST_URL,
				webhook_events: ALL,
				webhook_secret: signing,
			});
			expect(await harness.hook('create', { isTest: true })).toBe(true);
			expect(harness.staticData.registrations).toEqual({
				[PRODUCTION_URL]: { channels: ['ig1'] },
				[TEST_URL]: { channels: ['wa1'] },
			});
			list([
				channel('wa1', 'whatsapp', {
					webhook_url: TEST_URL,
					webhook_events: ALL,
				}),
			]);
			expect(await harness.hook('checkExists', { isTest: true })).toBe(true);
			list([channel('wa1', 'whatsapp', { webhook_url: TEST_URL })]);
			patch('wa1', { webhook_url: null, webhook_events: [] });
			expect(await harness.hook('delete', { isTest: true })).toBe(true);
			expect(harness.staticData.registrations).toEqual({
				[PRODUCTION_URL]: { channels: ['ig1'] },
			});
		});
	});
});
