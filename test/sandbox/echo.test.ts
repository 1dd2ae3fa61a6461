import { createHmac } from 'node:crypto';
import { createSandbox, type Sandbox } from './server';
import { arr, client, runScript, startReceiver, type Client, type Receiver } from './helpers';

const hmac = (raw: Buffer, secret: string) =>
	`sha256=${createHmac('sha256', secret).update(raw).digest('hex')}`;

describe('sandbox message.echo, echo statuses and albums', () => {
	let sb: Sandbox;
	let base: string;
	let api: Client;
	let rx: Receiver;

	beforeAll(async () => {
		rx = await startReceiver();
		sb = createSandbox({ statusDelaysMs: 0, webhook: { retries: 0, timeoutMs: 1000 } });
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
	});

	const enable = async (channelId: string, events: string[], extra: Record<string, unknown> = {}) =>
		(
			await api.patch(`/api/v1/channels/${channelId}`, {
				webhook_url: rx.url,
				webhook_events: events,
				webhook_secret: 'echo-secret',
				...extra,
			})
		).json;

	it('delivers a signed text echo with the documented fields', async () => {
		await enable(sb.ids.whatsapp, ['message.received', 'message.echo']);
		const res = await api.control('/echo', {
			channel_id: sb.ids.whatsapp,
			recipient: '15557654321',
			text: 'Sent from the app',
		});
		expect(res.status).toBe(200);
		expect(res.json.delivery).toMatchObject({ delivered: true });
		const [got] = await rx.waitFor(1);
		expect(got.headers['x-webhook-signature']).toBe(hmac(got.raw, 'echo-secret'));
		expect(got.json).toEqual({
			event: 'message.echo',
			channel_id: sb.ids.whatsapp,
			channel_type: 'whatsapp',
			timestamp: expect.any(String),
			data: {
				message_id: expect.stringMatching(/^[0-9a-f-]{36}$/),
				recipient: '15557654321',
				status: 'sent',
				type: 'text',
				text: 'Sent from the app',
			},
		});
		const echoes = await api.control('/echoes');
		expect(arr(echoes.json.echoes)[0]).toMatchObject({
			message_id: got.json.data.message_id,
			channel_id: sb.ids.whatsapp,
			status: 'sent',
		});
		expect((await api.control('/messages')).json.total).toBe(0);
	});

	it('media echoes carry no file; unsupported has no media; default recipient is the seeded user', async () => {
		await enable(sb.ids.instagram, ['message.echo']);
		const img = await sb.echo({
			channel_id: sb.ids.instagram,
			media: { kind: 'image' },
			caption: 'Look',
		});
		expect(img.event.data).toEqual({
			message_id: expect.any(String),
			recipient: sb.ids.users.instagram,
			status: 'sent',
			type: 'image',
			caption: 'Look',
			media: { download_url: null, unavailable: 'echo_media_not_supported' },
		});
		const voice = await sb.echo({ channel_id: sb.ids.instagram, media: { kind: 'voice' } });
		expect(voice.event.data).toMatchObject({
			type: 'audio',
			media: { download_url: null, unavailable: 'echo_media_not_supported' },
		});
		expect(voice.event.data).not.toHaveProperty('caption');
		const other = await sb.echo({ channel_id: sb.ids.instagram, type: 'unsupported' });
		expect(other.event.data).toEqual({
			message_id: expect.any(String),
			recipient: sb.ids.users.instagram,
			status: 'sent',
			type: 'unsupported',
		});
		expect(
			(await api.control('/echo', { channel_id: sb.ids.instagram, media: { kind: 'sticker' } }))
				.status,
		).toBe(400);
		expect((await api.control('/echo', { channel_id: sb.ids.instagram })).status).toBe(400);
		expect((await api.control('/echo', { channel_id: 'nope', text: 'x' })).status).toBe(404);
	});

	it('goes only to channels that list message.echo', async () => {
		await enable(sb.ids.facebook, ['message.received', 'message.delivered', 'message.read']);
		const res = await sb.echo({ channel_id: sb.ids.facebook, text: 'x' });
		expect(res.delivery).toMatchObject({ delivered: false, skipped: 'event_not_enabled' });
		await sb.whenIdle();
		expect(rx.received).toHaveLength(0);
	});

	it('echo_statuses: delivered and read follow for the echo (Instagram: read only); off: none', async () => {
		await enable(sb.ids.whatsapp, ['message.echo', 'message.delivered', 'message.read'], {
			echo_statuses: true,
		});
		const wa = await sb.echo({ channel_id: sb.ids.whatsapp, text: 'tracked', wait: 'all' });
		await sb.whenIdle();
		const waEvents = rx.received.map((r) => [
			r.json.event,
			r.json.data.message_id,
			r.json.data.recipient,
		]);
		expect(waEvents).toEqual(
			expect.arrayContaining([
				['message.echo', wa.event.data.message_id, sb.ids.users.whatsapp],
				['message.delivered', wa.event.data.message_id, sb.ids.users.whatsapp],
				['message.read', wa.event.data.message_id, sb.ids.users.whatsapp],
			]),
		);
		expect(waEvents).toHaveLength(3);
		rx.received.length = 0;
		await enable(sb.ids.instagram, ['message.echo', 'message.delivered', 'message.read'], {
			echo_statuses: true,
		});
		await sb.echo({ channel_id: sb.ids.instagram, text: 'ig', wait: 'all' });
		await sb.whenIdle();
		expect(rx.received.map((r) => r.json.event).sort()).toEqual(['message.echo', 'message.read']);
		rx.received.length = 0;
		await api.patch(`/api/v1/channels/${sb.ids.instagram}`, { echo_statuses: false });
		await sb.echo({ channel_id: sb.ids.instagram, text: 'untracked', wait: 'all' });
		await sb.whenIdle();
		expect(rx.received.map((r) => r.json.event)).toEqual(['message.echo']);
	});

	it('POST /_sandbox/status accepts an echo message_id (e.g. message.failed)', async () => {
		await enable(sb.ids.whatsapp, ['message.echo', 'message.failed']);
		const e = await sb.echo({
			channel_id: sb.ids.whatsapp,
			recipient: '15550002222',
			text: 'x',
			wait: 'all',
		});
		const res = await api.control('/status', {
			channel_id: sb.ids.whatsapp,
			message_id: e.event.data.message_id,
			status: 'failed',
			error_code: 131026,
		});
		expect(res.status).toBe(200);
		expect(res.json.event.data).toMatchObject({
			message_id: e.event.data.message_id,
			recipient: '15550002222',
			status: 'failed',
			errors: [{ code: 131026 }],
		});
	});

	it('albums: one message.received per attachment, ids .2 .3, caption on the first only, in order', async () => {
		await enable(sb.ids.instagram, ['message.received']);
		const res = await api.control('/inbound', {
			channel_id: sb.ids.instagram,
			from: sb.ids.users.instagram,
			message_id: 'mid.album1',
			caption: 'Our trip',
			media: [{ kind: 'image' }, { kind: 'video' }, { kind: 'image' }],
		});
		expect(res.status).toBe(200);
		const events = arr(res.json.events);
		expect(events.map((e) => e.data.message_id)).toEqual([
			'mid.album1',
			'mid.album1.2',
			'mid.album1.3',
		]);
		expect(events.map((e) => e.data.type)).toEqual(['image', 'video', 'image']);
		expect(events[0].data.caption).toBe('Our trip');
		expect(events[1].data).not.toHaveProperty('caption');
		expect(events[2].data).not.toHaveProperty('caption');
		expect(new Set(events.map((e) => String(e.data.media.media_id))).size).toBe(3);
		expect(arr(res.json.deliveries).map((d) => d.delivered)).toEqual([true, true, true]);
		expect(res.json.event).toEqual(events[0]);
		await rx.waitFor(3);
		expect(rx.received.map((r) => r.json.data.message_id)).toEqual([
			'mid.album1',
			'mid.album1.2',
			'mid.album1.3',
		]);
		const media = await api.get(`/api/v1/media/${String(events[1].data.media.media_id)}`);
		expect(media.status).toBe(200);
		expect(media.headers['content-type']).toBe('video/mp4');
	});

	it('albums: album: n repeats one media; generated ids get suffixes; bad parts are 400', async () => {
		const out = await sb.inbound({
			channel_id: sb.ids.whatsapp,
			from: '15551234567',
			media: { kind: 'image' },
			album: 2,
		});
		const ids = (out.events ?? []).map((e) => String(e.data.message_id));
		expect(ids).toHaveLength(2);
		expect(ids[0]).toMatch(/^wamid\./);
		expect(ids[1]).toBe(`${ids[0]}.2`);
		expect(
			(await api.control('/inbound', { channel_id: sb.ids.whatsapp, from: '1', media: [] })).status,
		).toBe(400);
		expect(
			(await api.control('/inbound', { channel_id: sb.ids.whatsapp, from: '1', media: ['x'] }))
				.status,
		).toBe(400);
	});

	it('npm run simulate -- --echo emits an echo on the chosen channel to the chosen customer', async () => {
		await enable(sb.ids.facebook, ['message.echo']);
		const out = await runScript('scripts/dev/simulate.js', [
			'--echo',
			'Hi from the Page inbox',
			'--channel',
			'facebook',
			'--customer',
			'7890123456780000',
			'--sandbox',
			base,
		]);
		expect(out.code).toBe(0);
		expect(out.stdout).toContain('message.echo on facebook to 7890123456780000');
		expect(out.stdout).toContain('webhook HTTP 200');
		const [got] = await rx.waitFor(1);
		expect(got.json).toMatchObject({
			event: 'message.echo',
			channel_id: sb.ids.facebook,
			data: { recipient: '7890123456780000', type: 'text', text: 'Hi from the Page inbox' },
		});
		const bad = await runScript('scripts/dev/simulate.js', [
			'--echo',
			'x',
			'--channel',
			'telegram',
			'--sandbox',
			base,
		]);
		expect(bad.code).toBe(1);
		expect(bad.stderr).toContain('unknown channel telegram');
	});
});
