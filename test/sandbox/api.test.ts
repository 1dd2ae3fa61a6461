import { createSandbox, type Sandbox } from './server';
import { arr, client, request, sleep, type Client } from './helpers';

describe('sandbox API: auth, channels, profiles, redirects', () => {
	let sb: Sandbox;
	let base: string;
	let api: Client;
	const otherKey = 'mip_live_other_account';

	beforeAll(async () => {
		sb = createSandbox({ extraApiKeys: [otherKey], statusDelaysMs: 0 });
		base = (await sb.start()).url;
		api = client(base, sb.apiKey);
	});
	afterAll(async () => await sb.stop());
	beforeEach(() => sb.reset());

	it('listens on 127.0.0.1 and uses the default sandbox key', () => {
		expect(base).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
		expect(sb.apiKey).toBe('mip_live_sandbox_key');
	});

	it('401 without or with a wrong X-API-Key', async () => {
		const none = await request(base, 'GET', '/api/v1/channels');
		expect(none.status).toBe(401);
		expect(typeof none.json.detail).toBe('string');
		const wrong = await request(base, 'GET', '/api/v1/channels', { key: 'mip_live_wrong' });
		expect(wrong.status).toBe(401);
		expect(wrong.json.detail).toBe('Invalid API key');
	});

	it('lists the seeded channels with the ChannelOut shape', async () => {
		const res = await api.get('/api/v1/channels');
		expect(res.status).toBe(200);
		expect(res.json.total).toBe(4);
		const byId = Object.fromEntries(arr(res.json.channels).map((c) => [String(c.id), c]));
		const wa = byId[sb.ids.whatsapp];
		expect(wa).toMatchObject({
			channel_type: 'whatsapp',
			is_active: true,
			phone_number_id: expect.any(String),
			waba_id: expect.any(String),
			ig_username: null,
			has_webhook_secret: false,
			webhook_events: [],
			subscription: {
				status: 'active',
				source: 'paddle',
				tier: 'pro',
				auto_renew: true,
				expires_at: expect.any(String),
			},
		});
		expect(byId[sb.ids.instagram]).toMatchObject({
			channel_type: 'instagram',
			ig_account_id: expect.any(String),
			page_id: expect.any(String),
			phone_number_id: null,
		});
		expect(byId[sb.ids.instagram].subscription).toMatchObject({
			source: 'trial',
			tier: 'pro',
			auto_renew: false,
		});
		expect(byId[sb.ids.facebook].subscription.tier).toBe('starter');
		expect(byId[sb.ids.whatsappInactive]).toMatchObject({
			is_active: false,
			subscription: { status: 'expired' },
		});
		for (const c of arr(res.json.channels)) {
			for (const f of [
				'id',
				'channel_type',
				'name',
				'is_active',
				'webhook_url',
				'has_webhook_secret',
				'webhook_events',
				'connected_at',
				'created_at',
				'subscription',
			]) {
				expect(c).toHaveProperty(f);
			}
		}
	});

	it('gets one channel; 404 for unknown ids and for another key', async () => {
		expect((await api.get(`/api/v1/channels/${sb.ids.whatsapp}`)).json.id).toBe(sb.ids.whatsapp);
		const missing = await api.get('/api/v1/channels/ffffffffffffffff');
		expect(missing.status).toBe(404);
		expect(missing.json).toEqual({ detail: 'Channel not found' });
		const other = client(base, otherKey);
		expect((await other.get(`/api/v1/channels/${sb.ids.whatsapp}`)).status).toBe(404);
		expect((await other.get('/api/v1/channels')).json).toEqual({ channels: [], total: 0 });
	});

	it('PATCH sets webhook url/events and auto-generates a secret', async () => {
		const res = await api.patch(`/api/v1/channels/${sb.ids.instagram}`, {
			webhook_url: 'http://localhost:5678/webhook/x',
			webhook_events: ['message.received', 'message.read'],
		});
		expect(res.status).toBe(200);
		expect(res.json).toMatchObject({
			id: sb.ids.instagram,
			webhook_url: 'http://localhost:5678/webhook/x',
			webhook_events: ['message.received', 'message.read'],
		});
		expect(String(res.json.webhook_secret)).toMatch(/^[0-9a-f]{64}$/);
		const got = await api.get(`/api/v1/channels/${sb.ids.instagram}`);
		expect(got.json.has_webhook_secret).toBe(true);
		expect(got.json).not.toHaveProperty('webhook_secret');
		const custom = await api.patch(`/api/v1/channels/${sb.ids.instagram}`, {
			webhook_secret: 'my-rotated-value',
		});
		expect(custom.json.webhook_secret).toBe('my-rotated-value');
		const cleared = await api.patch(`/api/v1/channels/${sb.ids.instagram}`, { webhook_events: [] });
		expect(cleared.json.webhook_events).toEqual([]);
	});

	it('PATCH rejects events invalid for the channel type, bad URLs and bad types', async () => {
		const ig = await api.patch(`/api/v1/channels/${sb.ids.instagram}`, {
			webhook_events: ['message.sent'],
		});
		expect(ig.status).toBe(400);
		expect(String(ig.json.detail)).toContain('message.sent');
		const fb = await api.patch(`/api/v1/channels/${sb.ids.facebook}`, {
			webhook_events: ['message.failed'],
		});
		expect(fb.status).toBe(400);
		const wa = await api.patch(`/api/v1/channels/${sb.ids.whatsapp}`, {
			webhook_events: ['message.sent', 'message.failed'],
		});
		expect(wa.status).toBe(200);
		const http = await api.patch(`/api/v1/channels/${sb.ids.whatsapp}`, {
			webhook_url: 'http://example.org/hook',
		});
		expect(http.status).toBe(400);
		const external = await api.patch(`/api/v1/channels/${sb.ids.whatsapp}`, {
			webhook_url: 'https://example.org/hook',
		});
		expect(external.status).toBe(400);
		expect(String(external.json.detail)).toContain('loopback');
		const typed = await api.patch(`/api/v1/channels/${sb.ids.whatsapp}`, {
			webhook_events: 'message.sent',
		});
		expect(typed.status).toBe(422);
		expect(arr(typed.json.detail)[0]).toMatchObject({
			loc: ['body', 'webhook_events'],
			type: 'list_type',
		});
		const bad = await request(base, 'PATCH', `/api/v1/channels/${sb.ids.whatsapp}`, {
			key: sb.apiKey,
			rawBody: '{nope',
		});
		expect(bad.status).toBe(422);
		expect(arr(bad.json.detail)[0].type).toBe('json_invalid');
	});

	it('DELETE deactivates; sending on an inactive channel is 400', async () => {
		const res = await api.del(`/api/v1/channels/${sb.ids.facebook}`);
		expect(res.status).toBe(200);
		expect((await api.get(`/api/v1/channels/${sb.ids.facebook}`)).json.is_active).toBe(false);
		const send = await api.post('/api/v1/messages/send', {
			channel_id: sb.ids.facebook,
			recipient: sb.ids.users.facebook,
			text: 'hi',
		});
		expect(send.status).toBe(400);
		expect(String(send.json.detail)).toMatch(/inactive/i);
	});

	it('profiles: IG and FB shapes, cache flag, null profile, 400 on WhatsApp', async () => {
		const ig1 = await api.get(
			`/api/v1/channels/${sb.ids.instagram}/profile/${sb.ids.users.instagram}`,
		);
		expect(ig1.status).toBe(200);
		expect(ig1.json).toEqual({
			channel_id: sb.ids.instagram,
			channel_type: 'instagram',
			user_id: sb.ids.users.instagram,
			profile: expect.objectContaining({
				username: 'johndoe',
				name: 'John Doe',
				follower_count: 1500,
				is_verified_user: false,
			}),
			cached: false,
		});
		const ig2 = await api.get(
			`/api/v1/channels/${sb.ids.instagram}/profile/${sb.ids.users.instagram}`,
		);
		expect(ig2.json.cached).toBe(true);
		const fb = await api.get(
			`/api/v1/channels/${sb.ids.facebook}/profile/${sb.ids.users.facebook}`,
		);
		expect(fb.json.profile).toMatchObject({ first_name: 'John', last_name: 'Doe' });
		const priv = await api.get(
			`/api/v1/channels/${sb.ids.instagram}/profile/${sb.ids.users.instagramPrivate}`,
		);
		expect(priv.json.profile).toBeNull();
		const wa = await api.get(`/api/v1/channels/${sb.ids.whatsapp}/profile/123`);
		expect(wa.status).toBe(400);
		expect(String(wa.json.detail)).toContain('from_name');
	});

	it('redirects CRUD with validation and per-key isolation', async () => {
		const list = await api.get('/api/v1/redirects');
		expect(arr(list.json.redirects)).toEqual([
			{ id: sb.ids.redirect, uri_pattern: 'http://localhost:*', created_at: expect.any(String) },
		]);
		const created = await api.post('/api/v1/redirects', {
			uri_pattern: 'https://*.example.com/callback',
		});
		expect(created.status).toBe(201);
		expect(created.json).toEqual({
			id: expect.stringMatching(/^redir_/),
			uri_pattern: 'https://*.example.com/callback',
		});
		expect(
			(await api.post('/api/v1/redirects', { uri_pattern: 'https://*.example.com/callback' }))
				.status,
		).toBe(400);
		expect((await api.post('/api/v1/redirects', { uri_pattern: 'ftp://x' })).status).toBe(400);
		expect((await api.post('/api/v1/redirects', {})).status).toBe(422);
		expect(
			(await client(base, otherKey).del(`/api/v1/redirects/${String(created.json.id)}`)).status,
		).toBe(404);
		expect((await api.del(`/api/v1/redirects/${String(created.json.id)}`)).status).toBe(200);
		expect((await api.del(`/api/v1/redirects/${String(created.json.id)}`)).status).toBe(404);
	});

	it('unknown routes are 404 and wrong methods 405', async () => {
		expect((await api.get('/api/v1/nothing')).status).toBe(404);
		expect((await api.put('/api/v1/channels', {})).status).toBe(405);
	});

	it('logs requests without API keys', async () => {
		await api.get('/api/v1/channels');
		const log = await api.control('/requests');
		const text = JSON.stringify(log.json);
		expect(arr(log.json.requests).pop()).toMatchObject({
			method: 'GET',
			path: '/api/v1/channels',
			status: 200,
		});
		expect(text).not.toContain(sb.apiKey);
	});
});

describe('sandbox rate limit', () => {
	it('429 with Retry-After after the limit, then recovers when the window passes', async () => {
		const sb = createSandbox({ rateLimit: { limit: 5, windowMs: 60000 } });
		const { url } = await sb.start();
		const api = client(url, sb.apiKey);
		try {
			for (let i = 0; i < 5; i++) expect((await api.get('/api/v1/channels')).status).toBe(200);
			const limited = await api.get('/api/v1/channels');
			expect(limited.status).toBe(429);
			expect(Number(limited.headers['retry-after'])).toBeGreaterThanOrEqual(59);
			expect(typeof limited.json.detail).toBe('string');
			sb.advanceClock(30000);
			expect((await api.get('/api/v1/channels')).status).toBe(429);
			sb.advanceClock(30001);
			expect((await api.get('/api/v1/channels')).status).toBe(200);
		} finally {
			await sb.stop();
		}
	});

	it('counts per key and uses the real clock window', async () => {
		const sb = createSandbox({
			rateLimit: { limit: 2, windowMs: 300 },
			extraApiKeys: ['mip_live_second'],
		});
		const { url } = await sb.start();
		try {
			const a = client(url, sb.apiKey);
			await a.get('/api/v1/channels');
			await a.get('/api/v1/channels');
			expect((await a.get('/api/v1/channels')).status).toBe(429);
			expect((await client(url, 'mip_live_second').get('/api/v1/channels')).status).toBe(200);
			await sleep(320);
			expect((await a.get('/api/v1/channels')).status).toBe(200);
		} finally {
			await sb.stop();
		}
	});
});
