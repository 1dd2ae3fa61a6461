import { createSandbox, type Sandbox } from './server';
import { arr, client, request, withEnv, type Client } from './helpers';

describe('sandbox sends: recipient and text checks, Meta error codes', () => {
	let sb: Sandbox;
	let base: string;
	let api: Client;

	beforeAll(async () => {
		sb = createSandbox({ statusDelaysMs: 0, autoStatus: false });
		base = (await sb.start()).url;
		api = client(base, sb.apiKey);
	});
	afterAll(async () => await sb.stop());
	beforeEach(() => sb.reset());

	const sendText = async (channel: string, recipient: string, text = 'hi') =>
		await api.post('/api/v1/messages/send', { channel_id: channel, recipient, text });

	it.each([
		['whatsapp', '', 'empty'],
		['whatsapp', '   ', 'empty'],
		['whatsapp', 'john', 'no digits'],
		['instagram', 'johndoe', 'no digits'],
		['instagram', '12ab34', 'not a numeric IGSID'],
		['facebook', '+7890123456789012', 'not a numeric PSID'],
	])('%s recipient %p -> 400 invalid_recipient (%s)', async (type, recipient, why) => {
		const id =
			type === 'whatsapp'
				? sb.ids.whatsapp
				: type === 'instagram'
					? sb.ids.instagram
					: sb.ids.facebook;
		const res = await sendText(id, recipient);
		expect(res.status).toBe(400);
		expect(res.json.detail).toEqual({
			code: 'invalid_recipient',
			message: expect.any(String),
			hint: expect.any(String),
		});
		expect(String(res.json.detail.message)).toContain(why === 'empty' ? 'empty' : why);
		expect(sb.state.messages).toHaveLength(0);
	});

	it('accepts WhatsApp numbers with formatting and numeric IG/FB ids', async () => {
		expect((await sendText(sb.ids.whatsapp, '+1 (555) 123-4567')).json.success).toBe(true);
		expect((await sendText(sb.ids.instagram, sb.ids.users.instagram)).json.success).toBe(true);
		expect((await sendText(sb.ids.facebook, sb.ids.users.facebook)).json.success).toBe(true);
	});

	it('WhatsApp send to the channel own number -> 400 recipient_equals_sender (text, media, template)', async () => {
		const text = await sendText(sb.ids.whatsapp, '+1 555-000-1111');
		expect(text.status).toBe(400);
		expect(text.json.detail).toEqual({
			code: 'recipient_equals_sender',
			message: expect.stringContaining('own WhatsApp number'),
			hint: expect.any(String),
		});
		const media = await api.post('/api/v1/messages/send-media', {
			channel_id: sb.ids.whatsapp,
			recipient: '15550001111',
			media_type: 'image',
			media_url: 'https://example.com/a.jpg',
		});
		expect(media.json.detail).toMatchObject({ code: 'recipient_equals_sender' });
		const tpl = await api.post('/api/v1/messages/send-template', {
			channel_id: sb.ids.whatsapp,
			template_name: 'hello_world',
			language: 'en_US',
			recipient: '15550001111',
		});
		expect(tpl.status).toBe(400);
		expect(tpl.json.detail).toMatchObject({ code: 'recipient_equals_sender' });
		const igMedia = await api.post('/api/v1/messages/send-media', {
			channel_id: sb.ids.instagram,
			recipient: 'johndoe',
			media_type: 'image',
			media_url: 'https://example.com/a.jpg',
		});
		expect(igMedia.json.detail).toMatchObject({ code: 'invalid_recipient' });
	});

	it('empty or whitespace text -> 422 on the text field', async () => {
		for (const text of ['', ' \n\t ']) {
			const res = await sendText(sb.ids.whatsapp, '15551234567', text);
			expect(res.status).toBe(422);
			expect(arr(res.json.detail)).toEqual([
				expect.objectContaining({ loc: ['body', 'text'], type: 'value_error', input: text }),
			]);
		}
	});

	it.each([
		[10, 'permission'],
		[200, 'Permissions error'],
		[190, 'access token'],
		[368, 'policies'],
		[551, "isn't available"],
		[803, 'do not exist'],
		[131026, 'undeliverable'],
		[131047, '24 hours'],
		[131051, 'Unsupported message type'],
		[131052, 'Media download'],
		[131053, 'Media upload'],
		[131057, 'maintenance'],
		[133010, 'not registered'],
	])(
		'failNextSend error_code %p -> 200 success:false with the code and a Meta-like error',
		async (code, text) => {
			await api.control('/faults', { failNextSend: { error_code: code } });
			const res = await sendText(sb.ids.instagram, sb.ids.users.instagram);
			expect(res.status).toBe(200);
			expect(res.json).toEqual({
				success: false,
				message_id: expect.any(String),
				status: 'failed',
				error: expect.stringContaining(text),
				error_code: code,
			});
		},
	);

	it('failNextSend for one recipient fails only the next send to that recipient', async () => {
		await api.control('/faults', {
			failNextSend: { recipient: '15559990000', error_code: 131026, count: 2 },
		});
		expect((await sendText(sb.ids.whatsapp, '15551234567')).json.success).toBe(true);
		const first = await sendText(sb.ids.whatsapp, '15559990000');
		expect(first.json).toMatchObject({
			success: false,
			error_code: 131026,
			error: 'Message undeliverable',
		});
		expect((await sendText(sb.ids.whatsapp, '15551234567')).json.success).toBe(true);
		expect((await sendText(sb.ids.whatsapp, '15559990000')).json.success).toBe(false);
		expect((await sendText(sb.ids.whatsapp, '15559990000')).json.success).toBe(true);
		await api.control('/faults', { failNextSend: { error_code: 99999 } });
		expect((await sendText(sb.ids.whatsapp, '1')).json).toMatchObject({
			error_code: 99999,
			error: 'Send failed (Meta error 99999)',
		});
	});
});

describe('sandbox rate limits, send pacing, request log', () => {
	const started: Sandbox[] = [];
	// A frozen clock: windows move only with advanceClock, so a slow machine cannot change the outcome.
	const frozen = Date.parse('2026-06-01T12:00:00Z');
	const start = async (options: Parameters<typeof createSandbox>[0]) => {
		const sb = createSandbox({ autoStatus: false, now: () => frozen, ...options });
		started.push(sb);
		return { sb, api: client((await sb.start()).url, sb.apiKey) };
	};
	afterEach(async () => {
		await Promise.all(started.splice(0).map(async (s) => await s.stop()));
	});
	const send = async (api: Client, channel: string) =>
		await api.post('/api/v1/messages/send', {
			channel_id: channel,
			recipient: '15551234567',
			text: 'hi',
		});

	it('defaults to 100 per minute and reports X-RateLimit-Limit / -Remaining', async () => {
		const { api } = await start({});
		const res = await api.get('/api/v1/channels');
		expect(res.headers['x-ratelimit-limit']).toBe('100');
		expect(res.headers['x-ratelimit-remaining']).toBe('99');
	});

	it('rateLimit accepts a spec string; FIWANO_SANDBOX_RATE_LIMIT sets it when the option is absent', async () => {
		const { api } = await start({ rateLimit: '2/1s' });
		await api.get('/api/v1/channels');
		await api.get('/api/v1/channels');
		const limited = await api.get('/api/v1/channels');
		expect(limited.status).toBe(429);
		expect(limited.headers['retry-after']).toBe('1');
		expect(String(limited.json.detail)).toContain('2 per 1 seconds');
		const fromEnv = withEnv({ FIWANO_SANDBOX_RATE_LIMIT: '600/60s' }, () => createSandbox());
		started.push(fromEnv);
		const envApi = client((await fromEnv.start()).url, fromEnv.apiKey);
		expect((await envApi.get('/api/v1/channels')).headers['x-ratelimit-limit']).toBe('600');
		expect(() => withEnv({ FIWANO_SANDBOX_RATE_LIMIT: 'lots' }, () => createSandbox())).toThrow(
			/Invalid rate "lots"/,
		);
		expect(() => createSandbox({ rateLimit: '0/1s' })).toThrow(/Invalid rate/);
	});

	it('send pacing: 10 accepted sends per second per channel, then 429 with Retry-After', async () => {
		const { sb, api } = await start({ sendPacing: true });
		for (let i = 0; i < 10; i++) expect((await send(api, sb.ids.whatsapp)).status).toBe(200);
		const paced = await send(api, sb.ids.whatsapp);
		expect(paced.status).toBe(429);
		expect(paced.headers['retry-after']).toBe('1');
		expect(String(paced.json.detail)).toContain('10 sends per 1 s per channel');
		expect(sb.state.messages).toHaveLength(10);
		expect(
			(
				await api.post('/api/v1/messages/send', {
					channel_id: sb.ids.instagram,
					recipient: sb.ids.users.instagram,
					text: 'x',
				})
			).status,
		).toBe(200);
		expect((await api.get('/api/v1/channels')).status).toBe(200);
		sb.advanceClock(1001);
		expect((await send(api, sb.ids.whatsapp)).status).toBe(200);
	});

	it('send pacing: custom rate and 503 status; rejected sends do not count', async () => {
		const { sb, api } = await start({ sendPacing: { limit: 1, windowMs: 2000, status: 503 } });
		expect(
			(
				await api.post('/api/v1/messages/send', {
					channel_id: sb.ids.whatsapp,
					recipient: '',
					text: 'x',
				})
			).status,
		).toBe(400);
		expect((await send(api, sb.ids.whatsapp)).status).toBe(200);
		const shed = await send(api, sb.ids.whatsapp);
		expect(shed.status).toBe(503);
		expect(shed.headers['retry-after']).toBe('2');
		const env = withEnv({ FIWANO_SANDBOX_SEND_PACING: '1/1s' }, () =>
			createSandbox({ autoStatus: false, now: () => frozen }),
		);
		started.push(env);
		const envApi = client((await env.start()).url, env.apiKey);
		expect((await send(envApi, env.ids.whatsapp)).status).toBe(200);
		expect((await send(envApi, env.ids.whatsapp)).status).toBe(429);
		const { sb: off, api: offApi } = await start({});
		for (let i = 0; i < 12; i++) expect((await send(offApi, off.ids.whatsapp)).status).toBe(200);
	});

	it('the request log records the X-Fiwano-Client header (null when absent)', async () => {
		const { sb, api } = await start({});
		await request(sb.url ?? '', 'GET', '/api/v1/channels', {
			key: sb.apiKey,
			headers: { 'X-Fiwano-Client': 'n8n-nodes-fiwano' },
		});
		await api.get('/api/v1/channels');
		const log = await api.control('/requests');
		expect(arr(log.json.requests).map((r) => r.client)).toEqual(['n8n-nodes-fiwano', null]);
		expect(sb.state.requests[0]).toMatchObject({
			method: 'GET',
			path: '/api/v1/channels',
			status: 200,
			client: 'n8n-nodes-fiwano',
		});
	});
});
