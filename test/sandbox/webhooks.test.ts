import { createHmac } from 'node:crypto';
import { createSandbox, type Sandbox } from './server';
import { arr, client, startCli, startReceiver, type Client, type Receiver } from './helpers';

const hmac = (raw: Buffer, secret: string) =>
	`sha256=${createHmac('sha256', secret).update(raw).digest('hex')}`;

describe('sandbox webhooks, status events and faults', () => {
	let sb: Sandbox;
	let base: string;
	let api: Client;
	let rx: Receiver;
	let failFirst = 0;

	beforeAll(async () => {
		rx = await startReceiver((n) => (n <= failFirst ? 500 : 200));
		sb = createSandbox({
			statusDelaysMs: 0,
			queuedRetryMs: 0,
			webhook: { retries: 2, backoffMs: 5, timeoutMs: 1000 },
		});
		base = (await sb.start()).url;
		api = client(base, sb.apiKey);
	});
	afterAll(async () => {
		await sb.stop();
		await rx.close();
	});
	beforeEach(async () => {
		await sb.whenIdle();
		sb.reset();
		rx.received.length = 0;
		failFirst = 0;
	});

	const enable = async (channelId: string, events: string[], secret?: string) =>
		(
			await api.patch(`/api/v1/channels/${channelId}`, {
				webhook_url: rx.url,
				webhook_events: events,
				...(secret ? { webhook_secret: secret } : {}),
			})
		).json;

	it('signs the exact bytes it sends with the channel secret', async () => {
		const cfg = await enable(sb.ids.whatsapp, ['message.received']);
		const res = await api.control('/inbound', {
			channel_id: sb.ids.whatsapp,
			from: '1234567890',
			from_name: 'John Doe',
			text: 'Hello! ünïcødé 😀',
		});
		expect(res.status).toBe(200);
		expect(res.json.delivery).toMatchObject({
			delivered: true,
			attempts: [expect.objectContaining({ status: 200, ok: true, attempt: 1 })],
		});
		const [got] = await rx.waitFor(1);
		expect(got.headers['content-type']).toBe('application/json');
		expect(got.headers['x-webhook-signature']).toBe(hmac(got.raw, String(cfg.webhook_secret)));
		expect(got.json).toEqual({
			event: 'message.received',
			channel_id: sb.ids.whatsapp,
			channel_type: 'whatsapp',
			timestamp: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/),
			data: {
				message_id: expect.stringMatching(/^wamid\./),
				from: '1234567890',
				from_name: 'John Doe',
				type: 'text',
				text: 'Hello! ünïcødé 😀',
			},
		});
		expect(got.json).toEqual(res.json.event);
		expect(JSON.stringify(await api.control('/deliveries'))).not.toContain(
			String(cfg.webhook_secret),
		);
	});

	it('delivers only enabled events', async () => {
		await enable(sb.ids.whatsapp, ['message.delivered']);
		const skipped = await sb.inbound({ channel_id: sb.ids.whatsapp, from: '1', text: 'x' });
		expect(skipped.delivery).toMatchObject({ delivered: false, skipped: 'event_not_enabled' });
		await api.post('/api/v1/messages/send', {
			channel_id: sb.ids.whatsapp,
			recipient: '1',
			text: 'hi',
		});
		await sb.whenIdle();
		expect(rx.received.map((r) => r.json.event)).toEqual(['message.delivered']);
		const none = await sb.inbound({ channel_id: sb.ids.instagram, from: '1', text: 'x' });
		expect(none.delivery.skipped).toBe('no_webhook_url');
	});

	it('sends status webhooks after a send in order, per channel type', async () => {
		await enable(sb.ids.whatsapp, ['message.sent', 'message.delivered', 'message.read']);
		await enable(sb.ids.instagram, ['message.delivered', 'message.read']);
		const wa = await api.post('/api/v1/messages/send', {
			channel_id: sb.ids.whatsapp,
			recipient: '1234567890',
			text: 'hi',
		});
		await sb.whenIdle();
		const ig = await api.post('/api/v1/messages/send', {
			channel_id: sb.ids.instagram,
			recipient: '6543217890123456',
			text: 'hi',
		});
		await sb.whenIdle();
		const events = rx.received.map((r) => [
			r.json.channel_type,
			r.json.event,
			r.json.data.message_id,
		]);
		expect(events).toEqual([
			['whatsapp', 'message.sent', wa.json.message_id],
			['whatsapp', 'message.delivered', wa.json.message_id],
			['whatsapp', 'message.read', wa.json.message_id],
			['instagram', 'message.delivered', ig.json.message_id],
			['instagram', 'message.read', ig.json.message_id],
		]);
		expect(rx.received[4].json.data).toEqual({
			message_id: ig.json.message_id,
			status: 'read',
			recipient: '6543217890123456',
		});
		const msgs = await api.control(`/messages?channel_id=${sb.ids.instagram}`);
		expect(arr(msgs.json.messages)[0].status).toBe('read');
	});

	it('retries on failure and records every attempt', async () => {
		failFirst = 2;
		await enable(sb.ids.facebook, ['message.received']);
		const res = await api.control('/inbound', {
			channel_id: sb.ids.facebook,
			from: '7890123456789012',
			text: 'hey',
			wait: 'all',
		});
		expect(res.json.delivery.delivered).toBe(true);
		expect(arr(res.json.delivery.attempts).map((a) => a.status)).toEqual([500, 500, 200]);
		expect(rx.received).toHaveLength(3);
		expect(new Set(rx.received.map((r) => r.raw.toString()))).toHaveProperty('size', 1);
		const d = await api.control('/deliveries');
		expect(arr(d.json.deliveries).map((a) => [a.attempt, a.ok])).toEqual([
			[1, false],
			[2, false],
			[3, true],
		]);
		expect(arr(d.json.deliveries)[0].duration_ms).toEqual(expect.any(Number));
	});

	it('gives up after the configured retries and handles unreachable URLs', async () => {
		failFirst = 99;
		await enable(sb.ids.whatsapp, ['message.received']);
		const res = await sb.inbound({
			channel_id: sb.ids.whatsapp,
			from: '1',
			text: 'x',
			wait: 'all',
		});
		expect(res.delivery.delivered).toBe(false);
		expect(res.delivery.attempts).toHaveLength(3);
		await api.patch(`/api/v1/channels/${sb.ids.whatsapp}`, {
			webhook_url: 'http://127.0.0.1:1/closed',
		});
		const down = await sb.inbound({ channel_id: sb.ids.whatsapp, from: '1', text: 'x' });
		expect(down.delivery.attempts[0]).toMatchObject({
			status: null,
			ok: false,
			error: expect.any(String),
		});
		expect(down.delivery.retrying).toBe(true);
		await sb.whenIdle();
	});

	it('inbound media on Pro (voice), unsupported on Starter, IG/FB from_name null', async () => {
		await enable(sb.ids.whatsapp, ['message.received']);
		await enable(sb.ids.facebook, ['message.received']);
		const voice = await sb.inbound({
			channel_id: sb.ids.whatsapp,
			from: '1234567890',
			media: { kind: 'voice' },
		});
		expect(voice.event.data).toMatchObject({
			type: 'audio',
			from_name: 'Sandbox User',
			media: {
				media_id: expect.any(String),
				kind: 'voice',
				mime_type: 'audio/ogg; codecs=opus',
				file_size: expect.any(Number),
				filename: null,
				sha256: expect.stringMatching(/^[0-9a-f]{64}$/),
				duration_ms: 5200,
				download_url: expect.stringContaining('/api/v1/media/'),
				expires_at: expect.any(String),
			},
		});
		const file = await api.get(
			String((voice.event.data.media as { download_url: string }).download_url).replace(base, ''),
		);
		expect(file.raw.subarray(0, 4).toString()).toBe('OggS');
		const starter = await sb.inbound({
			channel_id: sb.ids.facebook,
			from: '7890123456789012',
			media: { kind: 'image' },
		});
		expect(starter.event.data).toEqual({
			message_id: expect.stringMatching(/^mid\./),
			from: '7890123456789012',
			from_name: null,
			type: 'unsupported',
			unsupported_type: 'image',
			upgrade_required: 'pro',
		});
		const loc = await sb.inbound({
			channel_id: sb.ids.whatsapp,
			from: '1',
			unsupported_type: 'location',
		});
		expect(loc.event.data).toMatchObject({ type: 'unsupported', unsupported_type: 'location' });
		expect(loc.event.data).not.toHaveProperty('upgrade_required');
		const ig = await sb.inbound({
			channel_id: sb.ids.instagram,
			from: '6543217890123456',
			text: 'hi',
			from_name: 'ignored',
		});
		expect(ig.event.data.from_name).toBeNull();
		expect(
			(await api.control('/inbound', { channel_id: 'nope', from: '1', text: 'x' })).status,
		).toBe(404);
		expect((await api.control('/inbound', { channel_id: sb.ids.whatsapp, text: 'x' })).status).toBe(
			400,
		);
	});

	it('fault: permanent send failure -> success:false and message.failed webhook', async () => {
		await enable(sb.ids.whatsapp, ['message.sent', 'message.failed']);
		await api.control('/faults', {
			failNextSend: { error_code: 131047, error: 'Re-engagement message' },
		});
		const res = await api.post('/api/v1/messages/send', {
			channel_id: sb.ids.whatsapp,
			recipient: '1',
			text: 'hi',
		});
		expect(res.json).toMatchObject({
			success: false,
			status: 'failed',
			error: 'Re-engagement message',
			error_code: 131047,
		});
		await sb.whenIdle();
		expect(rx.received.map((r) => r.json.event)).toEqual(['message.failed']);
		expect(rx.received[0].json.data).toEqual({
			message_id: res.json.message_id,
			status: 'failed',
			recipient: '1',
			error: 'Re-engagement message',
			errors: [{ code: 131047, title: 'Re-engagement message' }],
		});
		const next = await api.post('/api/v1/messages/send', {
			channel_id: sb.ids.whatsapp,
			recipient: '1',
			text: 'hi',
		});
		expect(next.json.success).toBe(true);
	});

	it('fault: transient send -> queued, then sent', async () => {
		await enable(sb.ids.whatsapp, ['message.sent']);
		await api.control('/faults', { transientNextSend: 1 });
		const res = await api.post('/api/v1/messages/send', {
			channel_id: sb.ids.whatsapp,
			recipient: '1',
			text: 'hi',
		});
		expect(res.json).toMatchObject({
			success: true,
			status: 'queued',
			message_id: expect.any(String),
		});
		await sb.whenIdle();
		expect(rx.received.map((r) => r.json.event)).toEqual(['message.sent']);
	});

	it('faults: 429 and 503 with Retry-After, slow responses, clear', async () => {
		await api.control('/faults', { next429: 1, next503: 1, retryAfter: 2 });
		const a = await api.get('/api/v1/channels');
		expect(a.status).toBe(503);
		expect(a.headers['retry-after']).toBe('2');
		const b = await api.get('/api/v1/channels');
		expect(b.status).toBe(429);
		expect(b.headers['retry-after']).toBe('2');
		expect((await api.get('/api/v1/channels')).status).toBe(200);
		await api.control('/faults', { slowMs: 150 });
		const t0 = Date.now();
		await api.get('/api/v1/channels');
		expect(Date.now() - t0).toBeGreaterThanOrEqual(140);
		const cleared = await api.control('/faults', { clear: true });
		expect(cleared.json).toMatchObject({
			next429: 0,
			next503: 0,
			slowMs: 0,
			failNextSend: 0,
			transientNextSend: 0,
		});
	});

	it('control: status simulation, info, reset, channel tweaks, idle, errors', async () => {
		await enable(sb.ids.instagram, ['message.read']);
		const sent = await api.post('/api/v1/messages/send', {
			channel_id: sb.ids.instagram,
			recipient: '42',
			text: 'x',
		});
		const st = await api.control('/status', {
			channel_id: sb.ids.instagram,
			message_id: sent.json.message_id,
			status: 'read',
		});
		expect(st.json.event.data).toEqual({
			message_id: sent.json.message_id,
			status: 'read',
			recipient: '42',
		});
		expect(
			(
				await api.control('/status', {
					channel_id: sb.ids.instagram,
					message_id: 'x',
					status: 'sent',
					recipient: '1',
				})
			).status,
		).toBe(400);
		expect((await api.control('/idle', {})).json.idle).toBe(true);
		const info = await api.control('');
		expect(info.json.channels).toEqual({
			whatsapp: sb.ids.whatsapp,
			instagram: sb.ids.instagram,
			facebook: sb.ids.facebook,
			whatsapp_inactive: sb.ids.whatsappInactive,
		});
		expect(arr(info.json.endpoints)).toContain('POST /_sandbox/inbound');
		await api.control('/reset', {});
		expect((await api.control('/messages')).json.total).toBe(0);
		expect((await api.get(`/api/v1/channels/${sb.ids.instagram}`)).json.webhook_url).toBeNull();
		const inactive = await api.control('/channel', {
			channel_id: sb.ids.whatsapp,
			is_active: false,
		});
		expect(inactive.json.is_active).toBe(false);
		expect((await api.control('/nope', {})).status).toBe(404);
		expect((await api.control('/approve-template', { template_id: 'x' })).status).toBe(404);
		expect((await api.control('/expire-media', { media_id: 'x' })).status).toBe(404);
	});

	it('refuses non-loopback webhook URLs unless allowExternalWebhooks', async () => {
		const ext = createSandbox({ allowExternalWebhooks: true });
		const { url } = await ext.start();
		try {
			const res = await client(url, ext.apiKey).patch(`/api/v1/channels/${ext.ids.whatsapp}`, {
				webhook_url: 'https://hooks.example.org/x',
			});
			expect(res.status).toBe(200);
		} finally {
			await ext.stop();
		}
	});

	it('seeds webhooks from options and signs with the given secret', async () => {
		const secret = ['seeded', 'for', 'test'].join('-');
		const seeded = createSandbox({ webhookUrl: rx.url, webhookSecret: secret, statusDelaysMs: 0 });
		await seeded.start();
		try {
			const res = await seeded.inbound({
				channel_id: seeded.ids.instagram,
				from: '6543217890123456',
				text: 'hi',
			});
			expect(res.delivery.delivered).toBe(true);
			const got = rx.received[rx.received.length - 1];
			expect(got.headers['x-webhook-signature']).toBe(hmac(got.raw, secret));
			expect(seeded.sign(got.raw, secret)).toBe(got.headers['x-webhook-signature']);
			expect(seeded.state.channels.get(seeded.ids.instagram)?.webhook_events).toEqual([
				'message.received',
				'message.delivered',
				'message.read',
			]);
		} finally {
			await seeded.stop();
		}
	});
});

describe('sandbox CLI', () => {
	it('prints URL, key and channel IDs as one JSON line and serves requests', async () => {
		const cli = await startCli(['--port', '0', '--api-key', 'mip_live_cli_test', '--quiet']);
		try {
			const { info } = cli;
			expect(info.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
			expect(info.api_key).toBe('mip_live_cli_test');
			expect(info.channels.whatsapp).toBe('a1b2c3d4e5f67890');
			const res = await client(info.url, info.api_key).get('/api/v1/channels');
			expect(res.json.total).toBe(4);
		} finally {
			await cli.stop();
		}
	});
});
