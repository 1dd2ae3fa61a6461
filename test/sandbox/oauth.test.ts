import { createSandbox, type Sandbox } from './server';
import { client, request, type Client } from './helpers';

describe('sandbox OAuth setup URL and code exchange', () => {
	let sb: Sandbox;
	let base: string;
	let api: Client;

	beforeAll(async () => {
		sb = createSandbox({ extraApiKeys: ['mip_live_other_account'] });
		base = (await sb.start()).url;
		api = client(base, sb.apiKey);
	});
	afterAll(async () => await sb.stop());
	beforeEach(() => sb.reset());

	const setup = async (redirect = 'https://app.example.com/callback', type = 'whatsapp') =>
		await api.post('/api/v1/channels/setup-url', { channel_type: type, redirect_uri: redirect });

	it('requires an allowed redirect (wildcards supported)', async () => {
		expect((await setup()).status).toBe(400);
		await api.post('/api/v1/redirects', { uri_pattern: 'https://*.example.com/*' });
		const res = await setup();
		expect(res.status).toBe(200);
		expect(res.json).toEqual({
			setup_url: `${base}/setup/start?session=${String(res.json.session_id)}`,
			session_id: expect.any(String),
			expires_at: expect.any(String),
		});
		expect(Date.parse(`${String(res.json.expires_at)}Z`) - Date.now()).toBeGreaterThan(
			9 * 60 * 1000,
		);
		expect((await setup('http://localhost:5678/rest/callback')).status).toBe(200);
		const bad = await setup('https://app.example.com/cb', 'telegram');
		expect(bad.status).toBe(422);
		expect(bad.json.detail).toEqual([
			expect.objectContaining({ loc: ['body', 'channel_type'], type: 'string_pattern_mismatch' }),
		]);
	});

	it('browser flow redirects with a single-use code; exchange configures the webhook', async () => {
		const s = await setup('http://localhost:5678/cb?state=1');
		const start = await request(base, 'GET', `/setup/start?session=${String(s.json.session_id)}`);
		expect(start.status).toBe(302);
		const location = new URL(String(start.headers.location));
		expect(location.origin + location.pathname).toBe('http://localhost:5678/cb');
		expect(location.searchParams.get('state')).toBe('1');
		const code = location.searchParams.get('code') ?? '';
		const other = await client(base, 'mip_live_other_account').post(
			'/api/v1/channels/exchange-code',
			{ code },
		);
		expect(other.status).toBe(400);
		const res = await api.post('/api/v1/channels/exchange-code', {
			code,
			webhook_url: 'http://127.0.0.1:5678/webhook/fiwano',
			webhook_events: ['message.received', 'message.failed'],
		});
		expect(res.status).toBe(200);
		expect(res.json).toMatchObject({
			channel_id: expect.any(String),
			channel_type: 'whatsapp',
			phone_number_id: expect.any(String),
			webhook_url: 'http://127.0.0.1:5678/webhook/fiwano',
			webhook_secret: expect.stringMatching(/^[0-9a-f]{64}$/),
			webhook_events: ['message.received', 'message.failed'],
		});
		const ch = await api.get(`/api/v1/channels/${String(res.json.channel_id)}`);
		expect(ch.json).toMatchObject({
			is_active: true,
			has_webhook_secret: true,
			subscription: { status: 'active', tier: 'pro' },
		});
		const again = await api.post('/api/v1/channels/exchange-code', { code });
		expect(again.status).toBe(400);
		expect(
			(await request(base, 'GET', `/setup/start?session=${String(s.json.session_id)}`)).status,
		).toBe(400);
	});

	it('control completion returns the code; codes expire after 5 minutes; sessions after 10', async () => {
		const s = await setup('http://localhost:1/cb', 'instagram');
		const done = await api.control('/oauth/complete', { session_id: s.json.session_id });
		expect(done.json).toMatchObject({
			code: expect.any(String),
			redirect_url: expect.stringContaining('code='),
		});
		sb.advanceClock(5 * 60 * 1000);
		expect(
			(await api.post('/api/v1/channels/exchange-code', { code: done.json.code })).status,
		).toBe(400);
		const s2 = await setup('http://localhost:1/cb', 'facebook');
		sb.advanceClock(10 * 60 * 1000);
		expect((await api.control('/oauth/complete', { session_id: s2.json.session_id })).status).toBe(
			410,
		);
		const s3 = await setup('http://localhost:1/cb', 'instagram');
		const code3 = (await api.control('/oauth/complete', { session_id: s3.json.session_id })).json
			.code;
		const ok = await api.post('/api/v1/channels/exchange-code', { code: code3 });
		expect(ok.json).toMatchObject({
			channel_type: 'instagram',
			ig_username: expect.any(String),
			webhook_url: null,
			webhook_secret: null,
			webhook_events: [],
		});
	});

	it('cancel redirects with error=access_denied; exchange validates body and events', async () => {
		const s = await setup('http://localhost:1/cb');
		const cancel = await request(
			base,
			'GET',
			`/setup/start?session=${String(s.json.session_id)}&cancel=1`,
		);
		expect(cancel.headers.location).toBe('http://localhost:1/cb?error=access_denied');
		expect((await api.post('/api/v1/channels/exchange-code', {})).status).toBe(422);
		const s2 = await setup('http://localhost:1/cb', 'facebook');
		const code = (await api.control('/oauth/complete', { session_id: s2.json.session_id })).json
			.code;
		const bad = await api.post('/api/v1/channels/exchange-code', {
			code,
			webhook_url: 'http://localhost:1/h',
			webhook_events: ['message.sent'],
		});
		expect(bad.status).toBe(400);
		const good = await api.post('/api/v1/channels/exchange-code', {
			code,
			webhook_url: 'http://localhost:1/h',
			webhook_secret: 'chosen-by-client',
		});
		expect(good.json).toMatchObject({
			channel_type: 'facebook',
			webhook_secret: 'chosen-by-client',
			page_id: expect.any(String),
		});
	});
});

describe('sandbox OAuth redirect errors', () => {
	let sb: Sandbox;
	let base: string;
	let api: Client;

	beforeAll(async () => {
		sb = createSandbox({});
		base = (await sb.start()).url;
		api = client(base, sb.apiKey);
	});
	afterAll(async () => await sb.stop());
	beforeEach(() => sb.reset());

	const session = async (type = 'whatsapp') =>
		String(
			(
				await api.post('/api/v1/channels/setup-url', {
					channel_type: type,
					redirect_uri: 'http://localhost:1/cb?state=s',
				})
			).json.session_id,
		);
	const open = async (query: string) => {
		const res = await request(base, 'GET', `/setup/start?${query}`);
		expect(res.status).toBe(302);
		return new URL(String(res.headers.location));
	};

	it.each(['slot_occupied', 'session_expired', 'setup_failed', 'access_denied'])(
		'the oauthError switch ends the next flow with error=%s',
		async (error) => {
			await api.control('/faults', { oauthError: error });
			const before = sb.state.channels.size;
			const url = await open(`session=${await session()}`);
			expect(url.searchParams.get('code')).toBeNull();
			expect(url.searchParams.get('error')).toBe(error);
			expect(url.searchParams.get('state')).toBe('s');
			expect(url.searchParams.get('message') === null).toBe(error === 'access_denied');
			if (error === 'slot_occupied')
				expect(url.searchParams.get('message')).toContain(sb.ids.whatsapp);
			expect(sb.state.channels.size).toBe(before);
			const next = await open(`session=${await session()}`);
			expect(next.searchParams.get('code')).toMatch(/^[0-9a-f]{32}$/);
		},
	);

	it('a custom message, the browser error parameter and the control completion', async () => {
		await api.control('/faults', {
			oauthError: { error: 'setup_failed', message: 'Meta said no' },
		});
		const url = await open(`session=${await session()}`);
		expect(url.search).toBe('?state=s&error=setup_failed&message=Meta+said+no');
		const browser = await open(`session=${await session('instagram')}&error=slot_occupied`);
		expect(browser.searchParams.get('error')).toBe('slot_occupied');
		expect(browser.searchParams.get('message')).toContain(sb.ids.instagram);
		const done = await api.control('/oauth/complete', {
			session_id: await session(),
			error: 'session_expired',
		});
		expect(done.json).toMatchObject({
			code: null,
			channel_id: null,
			error: 'session_expired',
			redirect_url: expect.stringContaining('error=session_expired&message='),
		});
		expect(
			(await api.control('/oauth/complete', { session_id: await session(), error: 'nope' })).status,
		).toBe(400);
		expect((await api.control('/faults', { oauthError: 'nope' })).status).toBe(400);
	});

	it('an expired session opened in the browser redirects with error=session_expired', async () => {
		const id = await session();
		sb.advanceClock(10 * 60 * 1000);
		const url = await open(`session=${id}`);
		expect(url.searchParams.get('error')).toBe('session_expired');
		expect(url.searchParams.get('message')).toContain('expired');
	});

	it('setup_failed when the last free slot was taken before the user finished', async () => {
		const a = await session();
		const b = await session();
		const c = await session();
		const d = await session();
		await open(`session=${a}`);
		await open(`session=${b}`);
		await open(`session=${c}`);
		const late = await open(`session=${d}`);
		expect(late.searchParams.get('error')).toBe('setup_failed');
		expect(late.searchParams.get('message')).toContain('No free whatsapp slot');
	});
});
