import nock from 'nock';
import type { INodeParameters } from 'n8n-workflow';

import { API_KEY, BASE_URL, runFiwano } from '../helpers/run-node';

const CHANNEL = 'a1b2c3d4e5f67890';
// Built at runtime: no secret-looking literals in the sources.
const LONG_SECRET = 'k'.repeat(65);
const MAX_SECRET = 'm'.repeat(64);
const CREDENTIAL_SECRET = ['cred', 'secret', String(6 * 7)].join('-');

// Every request: the credential's key and the package's client identification.
const api = () =>
	nock(BASE_URL)
		.matchHeader('x-api-key', API_KEY)
		.matchHeader('x-fiwano-client', 'n8n-nodes-fiwano');
const paired = { item: 0 };

const update = (updateFields: INodeParameters): INodeParameters => ({
	resource: 'channel',
	operation: 'update',
	channelId: { __rl: true, mode: 'id', value: CHANNEL },
	updateFields,
});

afterEach(() => {
	// No request the test did not declare, none left unmade.
	expect(nock.pendingMocks()).toEqual([]);
});

describe('Channel > Update: subscription, echo statuses, clearing the webhook', () => {
	it('Subscription ID moves the channel (subscription_id, trimmed)', async () => {
		api()
			.patch(`/api/v1/channels/${CHANNEL}`, { subscription_id: 'sub_2' })
			.reply(200, { id: CHANNEL, subscription: { id: 'sub_2', plan: 'pro' } });
		const { items, error } = await runFiwano(update({ subscriptionId: ' sub_2 ' }));
		expect(error).toBeUndefined();
		expect(items).toEqual([
			{ json: { id: CHANNEL, subscription: { id: 'sub_2', plan: 'pro' } }, pairedItem: paired },
		]);
	});

	it('an empty Subscription ID is never sent (it would release the slot)', async () => {
		api()
			.patch(`/api/v1/channels/${CHANNEL}`, { webhook_events: ['message.echo'] })
			.reply(200, { id: CHANNEL, webhook_events: ['message.echo'] });
		const { items } = await runFiwano(
			update({ subscriptionId: '  ', webhookEvents: ['message.echo'] }),
		);
		expect(items).toEqual([
			{ json: { id: CHANNEL, webhook_events: ['message.echo'] }, pairedItem: paired },
		]);
	});

	it('Release Subscription Slot looks the channel up and sends subscription_id "" for a deactivated one', async () => {
		api().get(`/api/v1/channels/${CHANNEL}`).reply(200, { id: CHANNEL, is_active: false });
		api()
			.patch(`/api/v1/channels/${CHANNEL}`, { subscription_id: '' })
			.reply(200, { id: CHANNEL, is_active: false, subscription: null });
		const { items, error } = await runFiwano(update({ releaseSubscriptionSlot: true }));
		expect(error).toBeUndefined();
		expect(items).toEqual([
			{ json: { id: CHANNEL, is_active: false, subscription: null }, pairedItem: paired },
		]);
	});

	it('Release Subscription Slot is refused locally for an active channel, with what to do', async () => {
		api().get(`/api/v1/channels/${CHANNEL}`).reply(200, { id: CHANNEL, is_active: true });
		const { items, error } = await runFiwano(update({ releaseSubscriptionSlot: true }));
		expect(items).toEqual([]);
		expect(error?.message).toBe(
			`Channel ${CHANNEL} is still active, so its subscription slot cannot be released. Deactivate it first with Channel > Delete (it keeps its slot), then run Update with Release Subscription Slot again.`,
		);
	});

	it('Release Subscription Slot off sends nothing; with a Subscription ID it is refused before any request', async () => {
		api().patch(`/api/v1/channels/${CHANNEL}`, { echo_statuses: true }).reply(200, { id: CHANNEL });
		expect(
			(await runFiwano(update({ releaseSubscriptionSlot: false, echoStatuses: true }))).error,
		).toBeUndefined();

		const { error } = await runFiwano(
			update({ releaseSubscriptionSlot: true, subscriptionId: 'sub_2' }),
		);
		expect(error?.message).toMatch(
			/^Subscription ID and Release Subscription Slot are both set: choose one\./,
		);
	});

	it('a failed channel look-up stops the release with the API message', async () => {
		api().get(`/api/v1/channels/${CHANNEL}`).reply(404, { detail: 'Channel not found' });
		const { error } = await runFiwano(update({ releaseSubscriptionSlot: true }));
		expect(error?.message).toMatch(/^Not found: Channel not found/);
	});

	it('Echo Statuses is sent when added, false included', async () => {
		api()
			.patch(`/api/v1/channels/${CHANNEL}`, { echo_statuses: false })
			.reply(200, { id: CHANNEL });
		const { items } = await runFiwano(update({ echoStatuses: false }));
		expect(items).toEqual([{ json: { id: CHANNEL }, pairedItem: paired }]);
	});

	it('Clear Webhook URL sends webhook_url "" and wins over a typed URL; no credential secret is added', async () => {
		api()
			.patch(`/api/v1/channels/${CHANNEL}`, { webhook_url: '' })
			.reply(200, { id: CHANNEL, webhook_url: null, webhook_secret: 'kept' });
		const { items, error } = await runFiwano(
			update({ clearWebhookUrl: true, webhookUrl: 'https://n8n.example.test/webhook/z' }),
			{ credentials: { apiKey: API_KEY, baseUrl: BASE_URL, webhookSecret: CREDENTIAL_SECRET } },
		);
		expect(error).toBeUndefined();
		expect(items).toEqual([
			{ json: { id: CHANNEL, webhook_url: null, has_webhook_secret: true }, pairedItem: paired },
		]);
	});

	it('a Webhook Secret over 64 characters is refused before any request; 64 is fine', async () => {
		const { error } = await runFiwano(update({ webhookSecret: LONG_SECRET }));
		expect(error?.message).toBe(
			'Webhook Secret (Update Fields) is 65 characters long; Fiwano accepts webhook secrets of at most 64 characters. Enter a shorter secret (e.g. 64 hex characters).',
		);
		expect(error?.message).not.toContain(LONG_SECRET);

		api()
			.patch(`/api/v1/channels/${CHANNEL}`, { webhook_secret: MAX_SECRET })
			.reply(200, { id: CHANNEL, webhook_secret: MAX_SECRET });
		const ok = await runFiwano(update({ webhookSecret: MAX_SECRET }));
		expect(ok.items).toEqual([
			{ json: { id: CHANNEL, has_webhook_secret: true }, pairedItem: paired },
		]);
	});

	it('a credential Webhook Secret over 64 characters is refused when it would be used', async () => {
		const { error } = await runFiwano(
			update({ webhookUrl: 'https://n8n.example.test/webhook/z' }),
			{
				credentials: { apiKey: API_KEY, baseUrl: BASE_URL, webhookSecret: LONG_SECRET },
			},
		);
		expect(error?.message).toMatch(/^The credential's Webhook Secret is 65 characters long;/);
	});
});

describe('Channel > Exchange OAuth Code: Echo Statuses and secret length', () => {
	it('sends echo_statuses with the code', async () => {
		api()
			.post('/api/v1/channels/exchange-code', {
				code: 'c1',
				echo_statuses: true,
				webhook_events: ['message.received', 'message.echo'],
			})
			.reply(200, { channel_id: CHANNEL, channel_type: 'instagram' });
		const { items, error } = await runFiwano({
			resource: 'channel',
			operation: 'exchangeOAuthCode',
			code: 'c1',
			webhook: { echoStatuses: true, webhookEvents: ['message.received', 'message.echo'] },
		});
		expect(error).toBeUndefined();
		expect(items).toEqual([
			{ json: { channel_id: CHANNEL, channel_type: 'instagram' }, pairedItem: paired },
		]);
	});

	it('refuses a typed secret over 64 characters, and a long credential secret it would send', async () => {
		const typed = await runFiwano({
			resource: 'channel',
			operation: 'exchangeOAuthCode',
			code: 'c2',
			webhook: { webhookUrl: 'https://n8n.example.test/w', webhookSecret: LONG_SECRET },
		});
		expect(typed.error?.message).toMatch(/^Webhook Secret \(Webhook\) is 65 characters long;/);

		const fromCredential = await runFiwano(
			{
				resource: 'channel',
				operation: 'exchangeOAuthCode',
				code: 'c3',
				webhook: { webhookUrl: 'https://n8n.example.test/w' },
			},
			{ credentials: { apiKey: API_KEY, baseUrl: BASE_URL, webhookSecret: LONG_SECRET } },
		);
		expect(fromCredential.error?.message).toMatch(
			/^The credential's Webhook Secret is 65 characters long;/,
		);
	});
});

describe('Channel > Generate OAuth URL: subscription errors', () => {
	const generate = {
		resource: 'channel',
		operation: 'generateOAuthUrl',
		redirectUri: 'https://yourapp.com/cb',
	};
	const request = { channel_type: 'whatsapp', redirect_uri: 'https://yourapp.com/cb' };

	it('402: says to connect a subscription on the Billing page', async () => {
		api()
			.post('/api/v1/channels/setup-url', request)
			.reply(402, { detail: 'No active subscription' });
		const { items, error } = await runFiwano(generate);
		expect(items).toEqual([]);
		expect(error?.message).toBe(
			'No active Fiwano subscription (No active subscription): connect a subscription to the account on the Billing page of the Fiwano portal, then generate the setup link again.',
		);
	});

	it('409 no_free_slot: names the channels holding the slots and says to release one or buy one', async () => {
		api()
			.post('/api/v1/channels/setup-url', request)
			.reply(409, {
				detail: {
					code: 'no_free_slot',
					message: 'All whatsapp slots are in use',
					occupied_by: [CHANNEL, 'd4e5f67890123456'],
				},
			});
		const { error } = await runFiwano(generate);
		expect(error?.message).toBe(
			`No free subscription slot: All whatsapp slots are in use. The slots are held by channel(s) ${CHANNEL}, d4e5f67890123456. Release a slot (deactivate one of those channels with Channel > Delete, then Channel > Update with Release Subscription Slot) or buy another subscription on the Billing page of the Fiwano portal.`,
		);
	});

	it('409 with occupied_by but no code or message is still explained', async () => {
		api()
			.post('/api/v1/channels/setup-url', request)
			.reply(409, { detail: { occupied_by: [] } });
		const { error } = await runFiwano(generate);
		expect(error?.message).toBe(
			'No free subscription slot: No free subscription slot for this channel type. Release a slot (deactivate a channel of this type with Channel > Delete, then Channel > Update with Release Subscription Slot) or buy another subscription on the Billing page of the Fiwano portal.',
		);
	});

	it('other errors keep the shared mapping', async () => {
		api()
			.post('/api/v1/channels/setup-url', request)
			.reply(400, { detail: 'redirect_uri not allowed' });
		expect((await runFiwano(generate)).error?.message).toMatch(
			/^Fiwano rejected the request: redirect_uri not allowed/,
		);
	});
});
