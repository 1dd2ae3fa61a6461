import nock from 'nock';
import type { INodeParameters } from 'n8n-workflow';

import { API_KEY, BASE_URL, runFiwano } from '../helpers/run-node';

const PROXY_URL = 'https://proxy.example.test';
const PROXY_KEY = ['mip', 'live', 'proxy', 'channel'].join('_');
const proxyCredentials = { apiKey: PROXY_KEY, baseUrl: `${PROXY_URL}/` };
// Built at runtime: no secret-looking literals in the sources.
const CREDENTIAL_SECRET = ['cred', 'secret', String(7 * 6)].join('-');
const NODE_SECRET = ['node', 'secret', String(9 * 9)].join('-');

const byId = (value: string) => ({ __rl: true, mode: 'id', value });
const api = () => nock(BASE_URL).matchHeader('x-api-key', API_KEY);
const paired = (item = 0) => ({ item });

const whatsapp = {
	id: 'a1b2c3d4e5f67890',
	channel_type: 'whatsapp',
	name: 'My Business',
	is_active: true,
	phone_number: '+1234567890',
	has_webhook_secret: true,
};
const instagram = {
	id: 'b2c3d4e5f6789012',
	channel_type: 'instagram',
	name: 'mybusiness',
	is_active: false,
	ig_username: 'mybusiness',
	has_webhook_secret: false,
};
const facebook = {
	id: 'c3d4e5f678901234',
	channel_type: 'facebook',
	name: 'My Page',
	is_active: true,
	page_id: '1122334455',
	has_webhook_secret: false,
};
const channels = [whatsapp, instagram, facebook];

describe('Channel > Get Many', () => {
	const getMany = (extra: Record<string, unknown> = {}) => ({
		resource: 'channel',
		operation: 'getAll',
		...extra,
	});

	it('GETs /api/v1/channels and returns one item per channel (default limit 50)', async () => {
		const scope = api().get('/api/v1/channels').reply(200, { channels, total: 3 });
		const { items, error } = await runFiwano(getMany());
		expect(error).toBeUndefined();
		expect(items).toEqual(channels.map((json) => ({ json, pairedItem: paired() })));
		scope.done();
	});

	it('Return All returns every channel, Limit 1 only the first', async () => {
		const many = Array.from({ length: 60 }, (_, i) => ({ ...facebook, id: `ch${i}` }));
		const all = api().get('/api/v1/channels').reply(200, { channels: many, total: 60 });
		const result = await runFiwano(getMany({ returnAll: true }));
		expect(result.items).toHaveLength(60);
		expect(result.items[59]).toEqual({ json: many[59], pairedItem: paired() });
		all.done();

		const defaultLimit = api().get('/api/v1/channels').reply(200, { channels: many, total: 60 });
		expect((await runFiwano(getMany())).items).toHaveLength(50);
		defaultLimit.done();

		const one = api().get('/api/v1/channels').reply(200, { channels, total: 3 });
		const limited = await runFiwano(getMany({ returnAll: false, limit: 1 }));
		expect(limited.items).toEqual([{ json: whatsapp, pairedItem: paired() }]);
		one.done();
	});

	it('Active Only true drops inactive channels, false keeps them', async () => {
		const active = api().get('/api/v1/channels').reply(200, { channels, total: 3 });
		const onlyActive = await runFiwano(getMany({ filters: { activeOnly: true } }));
		expect(onlyActive.items).toEqual([
			{ json: whatsapp, pairedItem: paired() },
			{ json: facebook, pairedItem: paired() },
		]);
		active.done();

		const all = api().get('/api/v1/channels').reply(200, { channels, total: 3 });
		const everything = await runFiwano(getMany({ filters: { activeOnly: false } }));
		expect(everything.items.map((item) => item.json)).toEqual(channels);
		all.done();
	});

	it('Channel Types keeps only the chosen types; filters apply before the limit', async () => {
		const scope = api().get('/api/v1/channels').reply(200, { channels, total: 3 });
		const result = await runFiwano(
			getMany({ filters: { channelTypes: ['instagram', 'facebook'] } }),
		);
		expect(result.items).toEqual([
			{ json: instagram, pairedItem: paired() },
			{ json: facebook, pairedItem: paired() },
		]);
		scope.done();

		const combined = api().get('/api/v1/channels').reply(200, { channels, total: 3 });
		const limited = await runFiwano(
			getMany({ filters: { activeOnly: true, channelTypes: ['facebook', 'instagram'] }, limit: 1 }),
		);
		expect(limited.items).toEqual([{ json: facebook, pairedItem: paired() }]);
		combined.done();
	});

	it('uses the Base URL and key of the credential (trailing slash removed)', async () => {
		const scope = nock(PROXY_URL)
			.matchHeader('x-api-key', PROXY_KEY)
			.get('/api/v1/channels')
			.reply(200, { channels: [whatsapp], total: 1 });
		const { items } = await runFiwano(getMany(), { credentials: proxyCredentials });
		expect(items).toEqual([{ json: whatsapp, pairedItem: paired() }]);
		scope.done();
	});

	it('runs once per input item with pairedItem pointing at it', async () => {
		const scope = api()
			.get('/api/v1/channels')
			.times(2)
			.reply(200, { channels: [whatsapp], total: 1 });
		const { items } = await runFiwano(getMany(), { input: [{ a: 1 }, { a: 2 }] });
		expect(items).toEqual([
			{ json: whatsapp, pairedItem: paired(0) },
			{ json: whatsapp, pairedItem: paired(1) },
		]);
		scope.done();
	});
});

describe('Channel > Get', () => {
	it('GETs the channel by ID', async () => {
		const scope = api().get('/api/v1/channels/a1b2c3d4e5f67890').reply(200, whatsapp);
		const { items, error } = await runFiwano({
			resource: 'channel',
			operation: 'get',
			channelId: byId('a1b2c3d4e5f67890'),
		});
		expect(error).toBeUndefined();
		expect(items).toEqual([{ json: whatsapp, pairedItem: paired() }]);
		scope.done();
	});

	it('accepts a value picked from the list', async () => {
		const scope = api().get('/api/v1/channels/b2c3d4e5f6789012').reply(200, instagram);
		const { items } = await runFiwano({
			resource: 'channel',
			operation: 'get',
			channelId: {
				__rl: true,
				mode: 'list',
				value: 'b2c3d4e5f6789012',
				cachedResultName: 'mybusiness',
			},
		});
		expect(items).toEqual([{ json: instagram, pairedItem: paired() }]);
		scope.done();
	});

	it('resolves an expression per item', async () => {
		const scope = api()
			.get('/api/v1/channels/first')
			.reply(200, { id: 'first' })
			.get('/api/v1/channels/second')
			.reply(200, { id: 'second' });
		const { items } = await runFiwano(
			{
				resource: 'channel',
				operation: 'get',
				channelId: { __rl: true, mode: 'id', value: '={{ $json.channel_id }}' },
			},
			{ input: [{ channel_id: 'first' }, { channel_id: 'second' }] },
		);
		expect(items).toEqual([
			{ json: { id: 'first' }, pairedItem: paired(0) },
			{ json: { id: 'second' }, pairedItem: paired(1) },
		]);
		scope.done();
	});

	it('encodes the ID in the path', async () => {
		const scope = api().get('/api/v1/channels/a%2Fb%3Fc%20d').reply(200, { id: 'a/b?c d' });
		const { items, error } = await runFiwano(
			{
				resource: 'channel',
				operation: 'get',
				channelId: { __rl: true, mode: 'id', value: '={{ $json.channel_id }}' },
			},
			{ input: [{ channel_id: 'a/b?c d' }] },
		);
		expect(error).toBeUndefined();
		expect(items).toEqual([{ json: { id: 'a/b?c d' }, pairedItem: paired() }]);
		scope.done();
	});

	it('uses the credential Base URL', async () => {
		const scope = nock(PROXY_URL)
			.matchHeader('x-api-key', PROXY_KEY)
			.get('/api/v1/channels/a1b2')
			.reply(200, { id: 'a1b2' });
		const { items } = await runFiwano(
			{ resource: 'channel', operation: 'get', channelId: byId('a1b2') },
			{ credentials: proxyCredentials },
		);
		expect(items).toEqual([{ json: { id: 'a1b2' }, pairedItem: paired() }]);
		scope.done();
	});

	it('maps a 404 to an actionable error', async () => {
		const scope = api().get('/api/v1/channels/nope').reply(404, { detail: 'Channel not found' });
		const { items, error } = await runFiwano({
			resource: 'channel',
			operation: 'get',
			channelId: byId('nope'),
		});
		expect(items).toEqual([]);
		expect(error?.message).toMatch(/^Not found: Channel not found/);
		scope.done();
	});
});

describe('Channel > Generate OAuth URL', () => {
	const answer = {
		setup_url: 'https://fiwano.com/setup/start?session=s1',
		session_id: 'e7f8a1b2c3d45678',
		expires_at: '2025-01-15T10:40:00',
	};

	it('POSTs channel_type and redirect_uri', async () => {
		const scope = api()
			.matchHeader('content-type', /application\/json/)
			.post('/api/v1/channels/setup-url', {
				channel_type: 'instagram',
				redirect_uri: 'https://yourapp.com/callback',
			})
			.reply(200, answer);
		const { items, error } = await runFiwano({
			resource: 'channel',
			operation: 'generateOAuthUrl',
			channelType: 'instagram',
			redirectUri: 'https://yourapp.com/callback',
		});
		expect(error).toBeUndefined();
		expect(items).toEqual([{ json: answer, pairedItem: paired() }]);
		scope.done();
	});

	it('defaults to WhatsApp and uses the credential Base URL', async () => {
		const scope = nock(PROXY_URL)
			.matchHeader('x-api-key', PROXY_KEY)
			.post('/api/v1/channels/setup-url', {
				channel_type: 'whatsapp',
				redirect_uri: 'https://yourapp.com/cb',
			})
			.reply(200, answer);
		const { items } = await runFiwano(
			{ resource: 'channel', operation: 'generateOAuthUrl', redirectUri: 'https://yourapp.com/cb' },
			{ credentials: proxyCredentials },
		);
		expect(items).toEqual([{ json: answer, pairedItem: paired() }]);
		scope.done();
	});

	it('surfaces a 400 (redirect URI not allowed) with the API message', async () => {
		const scope = api()
			.post('/api/v1/channels/setup-url', {
				channel_type: 'whatsapp',
				redirect_uri: 'https://x.test/',
			})
			.reply(400, { detail: 'redirect_uri not allowed' });
		const { error } = await runFiwano({
			resource: 'channel',
			operation: 'generateOAuthUrl',
			redirectUri: 'https://x.test/',
		});
		expect(error?.message).toBe('Fiwano rejected the request: redirect_uri not allowed');
		scope.done();
	});
});

describe('Channel > Exchange OAuth Code', () => {
	const exchanged = (secret: string) => ({
		channel_id: 'a1b2c3d4e5f67890',
		channel_type: 'whatsapp',
		name: 'My Business',
		phone_number: '+1234567890',
		webhook_url: 'https://n8n.example.test/webhook/x',
		webhook_secret: secret,
		webhook_events: ['message.received'],
	});
	const redacted = (secret: string) => {
		const rest: Record<string, unknown> = { ...exchanged(secret) };
		delete rest.webhook_secret;
		return { ...rest, has_webhook_secret: true };
	};

	it('POSTs code, webhook URL, secret and events, and never outputs the secret', async () => {
		const scope = api()
			.post('/api/v1/channels/exchange-code', {
				code: 'one-time-code',
				webhook_url: 'https://n8n.example.test/webhook/x',
				webhook_secret: NODE_SECRET,
				webhook_events: ['message.received', 'message.failed'],
			})
			.reply(200, exchanged(NODE_SECRET));
		const { items, error } = await runFiwano({
			resource: 'channel',
			operation: 'exchangeOAuthCode',
			code: 'one-time-code',
			webhook: {
				webhookUrl: 'https://n8n.example.test/webhook/x',
				webhookSecret: NODE_SECRET,
				webhookEvents: ['message.received', 'message.failed'],
			},
		});
		expect(error).toBeUndefined();
		expect(items).toEqual([{ json: redacted(NODE_SECRET), pairedItem: paired() }]);
		expect(JSON.stringify(items)).not.toContain(NODE_SECRET);
		scope.done();
	});

	it("sends the credential's Webhook Secret when a URL is set without a secret", async () => {
		const scope = api()
			.post('/api/v1/channels/exchange-code', {
				code: 'c1',
				webhook_url: 'https://n8n.example.test/webhook/x',
				webhook_secret: CREDENTIAL_SECRET,
			})
			.reply(200, exchanged(CREDENTIAL_SECRET));
		const { items } = await runFiwano(
			{
				resource: 'channel',
				operation: 'exchangeOAuthCode',
				code: 'c1',
				webhook: { webhookUrl: 'https://n8n.example.test/webhook/x' },
			},
			{ credentials: { apiKey: API_KEY, baseUrl: BASE_URL, webhookSecret: CREDENTIAL_SECRET } },
		);
		expect(items).toEqual([{ json: redacted(CREDENTIAL_SECRET), pairedItem: paired() }]);
		expect(JSON.stringify(items)).not.toContain(CREDENTIAL_SECRET);
		scope.done();
	});

	it('does not send the credential secret without a webhook URL', async () => {
		const scope = api()
			.post('/api/v1/channels/exchange-code', { code: 'c2', webhook_events: [] })
			.reply(200, { channel_id: 'a1', channel_type: 'facebook', name: 'Page' });
		const { items } = await runFiwano(
			{
				resource: 'channel',
				operation: 'exchangeOAuthCode',
				code: 'c2',
				webhook: { webhookEvents: [] },
			},
			{ credentials: { apiKey: API_KEY, baseUrl: BASE_URL, webhookSecret: CREDENTIAL_SECRET } },
		);
		expect(items).toEqual([
			{ json: { channel_id: 'a1', channel_type: 'facebook', name: 'Page' }, pairedItem: paired() },
		]);
		scope.done();
	});

	it('sends no secret when neither the node nor the credential has one', async () => {
		const scope = nock(PROXY_URL)
			.matchHeader('x-api-key', PROXY_KEY)
			.post('/api/v1/channels/exchange-code', {
				code: 'c3',
				webhook_url: 'https://n8n.example.test/webhook/y',
			})
			.reply(200, { channel_id: 'a1', webhook_secret: '' });
		const { items } = await runFiwano(
			{
				resource: 'channel',
				operation: 'exchangeOAuthCode',
				code: 'c3',
				webhook: { webhookUrl: 'https://n8n.example.test/webhook/y' },
			},
			{ credentials: proxyCredentials },
		);
		expect(items).toEqual([
			{ json: { channel_id: 'a1', has_webhook_secret: false }, pairedItem: paired() },
		]);
		scope.done();
	});

	it('maps an expired code (400) to an error', async () => {
		const scope = api()
			.post('/api/v1/channels/exchange-code', { code: 'old' })
			.reply(400, { detail: 'Invalid or expired code' });
		const { items, error } = await runFiwano({
			resource: 'channel',
			operation: 'exchangeOAuthCode',
			code: 'old',
		});
		expect(items).toEqual([]);
		expect(error?.message).toBe('Fiwano rejected the request: Invalid or expired code');
		scope.done();
	});
});

describe('Channel > Update', () => {
	const update = (updateFields: INodeParameters): INodeParameters => ({
		resource: 'channel',
		operation: 'update',
		channelId: byId('a1b2c3d4e5f67890'),
		updateFields,
	});

	it('PATCHes the fields given and redacts the secret in the output', async () => {
		const scope = api()
			.patch('/api/v1/channels/a1b2c3d4e5f67890', {
				webhook_url: 'https://n8n.example.test/webhook/z',
				webhook_secret: NODE_SECRET,
				webhook_events: ['message.received', 'message.read'],
			})
			.reply(200, {
				id: 'a1b2c3d4e5f67890',
				webhook_url: 'https://n8n.example.test/webhook/z',
				webhook_secret: NODE_SECRET,
				webhook_events: ['message.received', 'message.read'],
			});
		const { items, error } = await runFiwano(
			update({
				webhookUrl: 'https://n8n.example.test/webhook/z',
				webhookSecret: NODE_SECRET,
				webhookEvents: ['message.received', 'message.read'],
			}),
		);
		expect(error).toBeUndefined();
		expect(items).toEqual([
			{
				json: {
					id: 'a1b2c3d4e5f67890',
					webhook_url: 'https://n8n.example.test/webhook/z',
					webhook_events: ['message.received', 'message.read'],
					has_webhook_secret: true,
				},
				pairedItem: paired(),
			},
		]);
		scope.done();
	});

	it('sends only the events when only events are set (empty list disables all)', async () => {
		const scope = api()
			.patch('/api/v1/channels/a1b2c3d4e5f67890', { webhook_events: [] })
			.reply(200, { id: 'a1b2c3d4e5f67890', webhook_events: [], has_webhook_secret: true });
		const { items } = await runFiwano(update({ webhookEvents: [] }), {
			credentials: { apiKey: API_KEY, baseUrl: BASE_URL, webhookSecret: CREDENTIAL_SECRET },
		});
		expect(items).toEqual([
			{
				json: { id: 'a1b2c3d4e5f67890', webhook_events: [], has_webhook_secret: true },
				pairedItem: paired(),
			},
		]);
		scope.done();
	});

	it("adds the credential's Webhook Secret when a URL is set without one", async () => {
		const scope = nock(PROXY_URL)
			.matchHeader('x-api-key', PROXY_KEY)
			.patch('/api/v1/channels/a1b2c3d4e5f67890', {
				webhook_url: 'https://n8n.example.test/webhook/z',
				webhook_secret: CREDENTIAL_SECRET,
			})
			.reply(200, { id: 'a1b2c3d4e5f67890', webhook_secret: CREDENTIAL_SECRET });
		const { items } = await runFiwano(
			update({ webhookUrl: 'https://n8n.example.test/webhook/z' }),
			{
				credentials: { ...proxyCredentials, webhookSecret: CREDENTIAL_SECRET },
			},
		);
		expect(items).toEqual([
			{ json: { id: 'a1b2c3d4e5f67890', has_webhook_secret: true }, pairedItem: paired() },
		]);
		scope.done();
	});

	it('maps a 422 field error', async () => {
		const scope = api()
			.patch('/api/v1/channels/a1b2c3d4e5f67890', { webhook_url: 'http://insecure.test' })
			.reply(422, { detail: [{ loc: ['body', 'webhook_url'], msg: 'must be https' }] });
		const { error } = await runFiwano(update({ webhookUrl: 'http://insecure.test' }));
		expect(error?.message).toBe('Invalid fields: webhook_url: must be https');
		scope.done();
	});
});

describe('Channel > Delete', () => {
	it('DELETEs the channel and outputs deleted: true with the ID and the API body', async () => {
		const scope = api()
			.delete('/api/v1/channels/a1b2c3d4e5f67890')
			.reply(200, { message: 'Channel deactivated' });
		const { items, error } = await runFiwano({
			resource: 'channel',
			operation: 'delete',
			channelId: byId('a1b2c3d4e5f67890'),
		});
		expect(error).toBeUndefined();
		expect(items).toEqual([
			{
				json: { deleted: true, channel_id: 'a1b2c3d4e5f67890', message: 'Channel deactivated' },
				pairedItem: paired(),
			},
		]);
		scope.done();
	});

	it('handles an empty answer, an expression ID and the credential Base URL', async () => {
		const scope = nock(PROXY_URL)
			.matchHeader('x-api-key', PROXY_KEY)
			.delete('/api/v1/channels/x%2Fy')
			.reply(204);
		const { items } = await runFiwano(
			{
				resource: 'channel',
				operation: 'delete',
				channelId: { __rl: true, mode: 'id', value: '={{ $json.id }}' },
			},
			{ credentials: proxyCredentials, input: [{ id: 'x/y' }] },
		);
		expect(items).toEqual([{ json: { deleted: true, channel_id: 'x/y' }, pairedItem: paired() }]);
		scope.done();
	});

	it('does not report a failed delete as deleted', async () => {
		const scope = api().delete('/api/v1/channels/gone').reply(404, { detail: 'Channel not found' });
		const { items, error } = await runFiwano({
			resource: 'channel',
			operation: 'delete',
			channelId: byId('gone'),
		});
		expect(items).toEqual([]);
		expect(error?.message).toMatch(/^Not found: Channel not found/);
		scope.done();
	});
});
