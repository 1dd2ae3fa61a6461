import nock from 'nock';
import type { IDataObject } from 'n8n-workflow';

import { TRIGGER_API_KEY, TRIGGER_BASE_URL, WEBHOOK_ID } from '../helpers/trigger-harness';
import {
	expectedDerivedSecret,
	LEGACY_PRODUCTION_URL as OUR_URL,
	legacyHarnessFor,
} from './trigger-v1-harness';

// Signing values are built at runtime so they never look like committed credentials.
const nodeSecret = ['node', 'setup', 'value'].join('-');
const credentialSecret = ['credential', 'setup', 'value'].join('-');
const FOREIGN_URL = 'https://other.example/hooks/fiwano';
const WORKFLOW_ID = 'wf-legacy-7';
const NODE_ID = 'node-legacy-7';

const derived = (apiKey = TRIGGER_API_KEY, workflowId = WORKFLOW_ID, nodeId = NODE_ID) =>
	expectedDerivedSecret(apiKey, workflowId, nodeId);

const harness = legacyHarnessFor(WORKFLOW_ID, NODE_ID);

const withCredentialSecret = {
	credentials: {
		apiKey: TRIGGER_API_KEY,
		baseUrl: TRIGGER_BASE_URL,
		webhookSecret: credentialSecret,
	},
};

/** Every request must carry the API key and the client marker. */
function api(base = TRIGGER_BASE_URL, apiKey = TRIGGER_API_KEY) {
	return nock(base)
		.matchHeader('x-api-key', apiKey)
		.matchHeader('x-fiwano-client', 'n8n-nodes-fiwano');
}

function channel(id: string, extra: IDataObject = {}): IDataObject {
	return {
		id,
		channel_type: 'whatsapp',
		is_active: true,
		webhook_url: null,
		webhook_events: [],
		...extra,
	};
}

function list(channels: IDataObject[], base = TRIGGER_BASE_URL) {
	return api(base).get('/api/v1/channels').reply(200, { channels, total: channels.length });
}

/** An object body is matched by deep equality: exactly these fields, no others. */
function patch(id: string, body: IDataObject, base = TRIGGER_BASE_URL, status = 200) {
	return api(base)
		.patch(`/api/v1/channels/${id}`, body as Record<string, nock.DataMatcher>)
		.reply(status, status < 400 ? { id } : { detail: 'Channel not found' });
}

async function rejection(
	promise: Promise<unknown>,
): Promise<{ message: string; description?: string }> {
	const error = (await promise.then(
		() => undefined,
		(thrown: unknown) => thrown,
	)) as { message: string; description?: string } | undefined;
	expect(error).toBeDefined();
	for (const hidden of [TRIGGER_API_KEY, nodeSecret, credentialSecret, derived()]) {
		expect(`${error!.message} ${error!.description ?? ''}`).not.toContain(hidden);
	}
	return error!;
}

describe('Fiwano Trigger v1 activation hooks', () => {
	afterEach(() => {
		// Every declared request happened, and nothing else was called (net connect is off).
		expect(nock.pendingMocks()).toEqual([]);
	});

	describe('Manual (the default; 0.x triggers have no autoSetup at all)', () => {
		it('calls no API and logs one warning per activation when no secret exists anywhere', async () => {
			// 0.x demo workflow: no credential, empty secret.
			const trigger = harness(
				{ webhookSecret: '', events: ['message.received'] },
				{ credentials: null },
			);
			expect(await trigger.hook('checkExists')).toBe(true);
			expect(trigger.warnings).toHaveLength(1);
			expect(trigger.warnings[0]).toMatch(/accepts unsigned deliveries/);
			expect(trigger.warnings[0]).toMatch(/credential's Webhook Secret/);
			expect(trigger.warnings[0]).toMatch(/channel settings of the Fiwano portal/);
			expect(await trigger.hook('create')).toBe(true);
			expect(await trigger.hook('delete')).toBe(true);
			expect(trigger.warnings).toHaveLength(1);
		});

		it('warns with a credential attached that has no Webhook Secret', async () => {
			const trigger = harness({});
			expect(await trigger.hook('checkExists')).toBe(true);
			expect(trigger.warnings).toHaveLength(1);
		});

		it.each([
			['the node', { webhookSecret: nodeSecret }, {}],
			['the credential', {}, withCredentialSecret],
		])('does not warn when %s has a secret', async (_case, parameters, options) => {
			const trigger = harness(parameters, options);
			expect(await trigger.hook('checkExists')).toBe(true);
			expect(trigger.warnings).toEqual([]);
		});
	});

	describe('Specific Channel', () => {
		it('PATCHes the channel with this URL, the events and the node secret (no GET: it takes over)', async () => {
			patch('wa1', {
				webhook_url: OUR_URL,
				webhook_events: ['message.received'],
				webhook_secret: nodeSecret,
			});
			const trigger = harness({
				autoSetup: 'channel',
				channelId: ' wa1 ',
				webhookSecret: ` ${nodeSecret} `,
			});
			expect(await trigger.hook('create')).toBe(true);
		});

		it('omits webhook_events when the selection is empty and uses the credential secret', async () => {
			patch('wa1', { webhook_url: OUR_URL, webhook_secret: credentialSecret });
			const trigger = harness(
				{ autoSetup: 'channel', channelId: 'wa1', events: [] },
				withCredentialSecret,
			);
			expect(await trigger.hook('create')).toBe(true);
		});

		it('registers the derived secret when neither node nor credential has one', async () => {
			patch('wa1', {
				webhook_url: OUR_URL,
				webhook_events: ['message.received', 'message.echo'],
				webhook_secret: derived(),
			});
			const trigger = harness({
				autoSetup: 'channel',
				channelId: 'wa1',
				events: ['message.received', 'message.echo'],
			});
			expect(await trigger.hook('create')).toBe(true);
			expect(derived()).toMatch(/^[0-9a-f]{64}$/);
		});

		it('refuses an empty Channel ID, naming the field', async () => {
			const error = await rejection(
				harness({ autoSetup: 'channel', webhookSecret: nodeSecret }).hook('create'),
			);
			expect(error.message).toMatch(/^Channel ID is empty/);
		});

		it('reports the API error of the PATCH', async () => {
			patch(
				'nope',
				{ webhook_url: OUR_URL, webhook_events: ['message.received'], webhook_secret: nodeSecret },
				TRIGGER_BASE_URL,
				404,
			);
			const error = await rejection(
				harness({ autoSetup: 'channel', channelId: 'nope', webhookSecret: nodeSecret }).hook(
					'create',
				),
			);
			expect(error.message).toMatch(/Channel not found/);
		});

		describe('checkExists (with a secret of the user)', () => {
			const saved = { autoSetup: 'channel', channelId: 'wa1', webhookSecret: nodeSecret };
			it.each([
				[
					'points here with events: registered',
					{ webhook_url: OUR_URL, webhook_events: ['message.received'] },
					saved,
					true,
				],
				[
					'points here without events: not registered',
					{ webhook_url: OUR_URL, webhook_events: [] },
					saved,
					false,
				],
				[
					'points here without events, none selected: registered',
					{ webhook_url: OUR_URL, webhook_events: null },
					{ ...saved, events: [] },
					true,
				],
				[
					'points elsewhere: not registered',
					{ webhook_url: FOREIGN_URL, webhook_events: ['message.received'] },
					saved,
					false,
				],
				['has no webhook: not registered', {}, saved, false],
			])('channel %s', async (_case, state, parameters, exists) => {
				api().get('/api/v1/channels/wa1').reply(200, channel('wa1', state));
				const trigger = harness(parameters);
				expect(await trigger.hook('checkExists')).toBe(exists);
				expect(trigger.warnings).toEqual([]);
			});

			it('reports "not registered" and logs why when the API fails', async () => {
				api().get('/api/v1/channels/wa1').reply(500, { detail: 'boom' });
				const trigger = harness(saved);
				expect(await trigger.hook('checkExists')).toBe(false);
				expect(trigger.warnings).toHaveLength(1);
				expect(trigger.warnings[0]).toMatch(/could not check its webhook registration/);
			});

			it('always re-registers a derived secret (no API call): 1.x-wired channels get it after upgrade', async () => {
				const trigger = harness({ autoSetup: 'channel', channelId: 'wa1' });
				expect(await trigger.hook('checkExists')).toBe(false);
				expect(trigger.warnings).toEqual([]);
			});
		});

		it('on deactivation clears only the URL, and only when the channel still points here', async () => {
			api()
				.get('/api/v1/channels/wa1')
				.reply(200, channel('wa1', { webhook_url: OUR_URL }));
			patch('wa1', { webhook_url: '' });
			expect(await harness({ autoSetup: 'channel', channelId: 'wa1' }).hook('delete')).toBe(true);

			api()
				.get('/api/v1/channels/wa1')
				.reply(200, channel('wa1', { webhook_url: FOREIGN_URL }));
			expect(await harness({ autoSetup: 'channel', channelId: 'wa1' }).hook('delete')).toBe(true);
		});

		it('logs, and does not throw, when clearing fails', async () => {
			api()
				.get('/api/v1/channels/wa1')
				.reply(200, channel('wa1', { webhook_url: OUR_URL }));
			patch('wa1', { webhook_url: '' }, TRIGGER_BASE_URL, 404);
			const trigger = harness({ autoSetup: 'channel', channelId: 'wa1' });
			expect(await trigger.hook('delete')).toBe(false);
			expect(trigger.warnings).toHaveLength(1);
			expect(trigger.warnings[0]).toMatch(/could not clear its webhook/);
		});
	});

	describe('All Active Channels', () => {
		const empty = channel('empty');
		const ours = channel('ours', { webhook_url: OUR_URL, webhook_events: ['message.received'] });
		const foreign = channel('foreign', {
			webhook_url: FOREIGN_URL,
			webhook_events: ['message.read'],
		});
		const inactive = channel('inactive', { is_active: false });
		const inactiveOurs = channel('inactive-ours', { is_active: false, webhook_url: OUR_URL });

		it('wires active channels that are empty or already ours; skips foreign and inactive ones', async () => {
			// The vendor's auto-responder template: only autoSetup saved, secret on the credential.
			list([empty, ours, foreign, inactive]);
			const body = {
				webhook_url: OUR_URL,
				webhook_events: ['message.received'],
				webhook_secret: credentialSecret,
			};
			patch('empty', body);
			patch('ours', body);
			expect(await harness({ autoSetup: 'all' }, withCredentialSecret).hook('create')).toBe(true);
		});

		it('registers the derived secret when no secret exists anywhere', async () => {
			list([empty]);
			patch('empty', {
				webhook_url: OUR_URL,
				webhook_events: ['message.received'],
				webhook_secret: derived(),
			});
			expect(await harness({ autoSetup: 'all' }).hook('create')).toBe(true);
		});

		it('fails when no channel is active', async () => {
			list([inactive]);
			const error = await rejection(harness({ autoSetup: 'all' }).hook('create'));
			expect(error.message).toMatch(/^No active Fiwano channel/);
		});

		it('fails when every active channel points elsewhere, saying how to fix it', async () => {
			list([foreign, inactive]);
			const error = await rejection(harness({ autoSetup: 'all' }).hook('create'));
			expect(error.message).toMatch(
				/^Every active channel already has a webhook pointing elsewhere/,
			);
			expect(error.message).toMatch(/Specific Channel/);
		});

		describe('checkExists (with a secret of the user)', () => {
			const noEvents = channel('ours-no-events', { webhook_url: OUR_URL });
			it.each([
				['ours and foreign: registered', [ours, foreign, inactive], true],
				['ours and one still empty: not registered', [ours, empty], false],
				['ours without events: not registered', [ours, noEvents], false],
				['only foreign: not registered', [foreign], false],
				['none active: not registered', [inactive], false],
			])('%s', async (_case, channels, exists) => {
				list(channels);
				expect(
					await harness({ autoSetup: 'all', webhookSecret: nodeSecret }).hook('checkExists'),
				).toBe(exists);
			});

			it('ignores missing events when no events are selected', async () => {
				list([ours, noEvents]);
				const trigger = harness({ autoSetup: 'all', webhookSecret: nodeSecret, events: [] });
				expect(await trigger.hook('checkExists')).toBe(true);
			});
		});

		it('on deactivation clears the URL of every channel pointing here, active or not', async () => {
			list([empty, ours, foreign, inactiveOurs]);
			patch('ours', { webhook_url: '' });
			patch('inactive-ours', { webhook_url: '' });
			expect(await harness({ autoSetup: 'all' }).hook('delete')).toBe(true);
		});

		it('logs, and does not throw, when the channel list cannot be read', async () => {
			api().get('/api/v1/channels').reply(401, { detail: 'Invalid API key' });
			const trigger = harness({ autoSetup: 'all' });
			expect(await trigger.hook('delete')).toBe(false);
			expect(trigger.warnings).toHaveLength(1);
		});
	});

	describe('Production URL and credential checks (automatic modes)', () => {
		it.each([
			['plain HTTP', 'http://n8n.example.test', /Fiwano delivers only to HTTPS/],
			['localhost', 'https://localhost:5678', /on localhost/],
			['a loopback IP', 'https://127.0.0.2', /on localhost/],
			['IPv6 loopback', 'https://[::1]:5678', /on localhost/],
		])(
			'refuses %s before any API call, explaining WEBHOOK_URL and tunnels',
			async (_case, instanceUrl, reason) => {
				const trigger = harness({ autoSetup: 'all', webhookSecret: nodeSecret }, { instanceUrl });
				const error = await rejection(trigger.hook('create'));
				expect(error.message).toMatch(reason);
				expect(error.message).toMatch(/WEBHOOK_URL environment variable/);
				expect(error.message).toMatch(/tunnel/);
				expect(error.message).toMatch(/Manual/);
				// checkExists hands over to create() (which reports the error) and logs the reason.
				expect(await trigger.hook('checkExists')).toBe(false);
				expect(trigger.warnings[0]).toMatch(/WEBHOOK_URL/);
			},
		);

		it('allows a local n8n when the credential points at the local sandbox on loopback', async () => {
			const sandbox = 'http://127.0.0.1:8787';
			const localUrl = `http://localhost:5678/webhook/${WEBHOOK_ID}/webhook`;
			api(sandbox)
				.patch('/api/v1/channels/wa1', {
					webhook_url: localUrl,
					webhook_events: ['message.received'],
					webhook_secret: derived(),
				})
				.reply(200, {});
			const trigger = harness(
				{ autoSetup: 'channel', channelId: 'wa1' },
				{
					instanceUrl: 'http://localhost:5678',
					credentials: { apiKey: TRIGGER_API_KEY, baseUrl: sandbox },
				},
			);
			expect(await trigger.hook('create')).toBe(true);
		});

		it('calls https://fiwano.com when a credential saved by 1.x has no Base URL', async () => {
			const apiKey = ['mip', 'live', 'saved', 'by', 'one'].join('_');
			api('https://fiwano.com', apiKey)
				.patch('/api/v1/channels/wa1', {
					webhook_url: OUR_URL,
					webhook_events: ['message.received'],
					webhook_secret: derived(apiKey),
				})
				.reply(200, {});
			const trigger = harness(
				{ autoSetup: 'channel', channelId: 'wa1' },
				// The helper fills in credential defaults; undefined stands for a Base URL never saved.
				{ credentials: { apiKey, baseUrl: undefined as unknown as string } },
			);
			expect(await trigger.hook('create')).toBe(true);
		});

		it('asks for a credential when an automatic mode has none', async () => {
			const trigger = harness(
				{ autoSetup: 'all', webhookSecret: nodeSecret },
				{ credentials: null },
			);
			const error = await rejection(trigger.hook('create'));
			expect(error.message).toMatch(/^Webhook Auto-Setup needs a Fiwano API credential/);
			expect(await trigger.hook('delete')).toBe(false);
		});

		it('asks for the API Key when the credential has none and no secret is set', async () => {
			const trigger = harness(
				{ autoSetup: 'channel', channelId: 'wa1' },
				{ credentials: { apiKey: '', baseUrl: TRIGGER_BASE_URL } },
			);
			const error = await rejection(trigger.hook('create'));
			expect(error.message).toMatch(/API Key/);
		});
	});
});
