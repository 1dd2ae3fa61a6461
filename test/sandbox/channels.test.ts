import { createSandbox, type Sandbox } from './server';
import { arr, client, withEnv, type Client } from './helpers';

describe('sandbox PATCH /channels/{id}: webhook settings, echo_statuses, URL rules', () => {
	let sb: Sandbox;
	let api: Client;

	beforeAll(async () => {
		sb = createSandbox({ statusDelaysMs: 0 });
		api = client((await sb.start()).url, sb.apiKey);
	});
	afterAll(async () => await sb.stop());
	beforeEach(() => sb.reset());

	const patch = async (body: unknown, id = sb.ids.whatsapp) =>
		await api.patch(`/api/v1/channels/${id}`, body);

	it.each([[''], [null]])(
		'webhook_url %p clears the URL and keeps the secret and the events',
		async (cleared) => {
			await patch({
				webhook_url: 'http://127.0.0.1:5678/webhook/a',
				webhook_secret: 'kept-secret',
				webhook_events: ['message.received'],
			});
			const res = await patch({ webhook_url: cleared });
			expect(res.status).toBe(200);
			expect(res.json).toEqual({
				id: sb.ids.whatsapp,
				webhook_url: null,
				webhook_secret: 'kept-secret',
				webhook_events: ['message.received'],
			});
			const got = await api.get(`/api/v1/channels/${sb.ids.whatsapp}`);
			expect(got.json).toMatchObject({
				webhook_url: null,
				has_webhook_secret: true,
				webhook_events: ['message.received'],
			});
		},
	);

	it('webhook_secret is at most 64 characters (422 above)', async () => {
		const ok = await patch({ webhook_secret: 'a'.repeat(64) });
		expect(ok.status).toBe(200);
		expect(ok.json.webhook_secret).toBe('a'.repeat(64));
		const long = await patch({ webhook_secret: 'b'.repeat(65) });
		expect(long.status).toBe(422);
		expect(arr(long.json.detail)[0]).toMatchObject({
			loc: ['body', 'webhook_secret'],
			type: 'string_too_long',
			ctx: { max_length: 64 },
		});
		expect(sb.state.channels.get(sb.ids.whatsapp)?.webhook_secret).toBe('a'.repeat(64));
	});

	it('echo_statuses is stored (PATCH and exchange-code), 422 when not a boolean', async () => {
		expect(sb.state.channels.get(sb.ids.instagram)?.echo_statuses).toBe(false);
		const res = await patch({ echo_statuses: true }, sb.ids.instagram);
		expect(res.status).toBe(200);
		expect(res.json).toEqual({
			id: sb.ids.instagram,
			webhook_url: null,
			webhook_secret: null,
			webhook_events: [],
		});
		expect(sb.state.channels.get(sb.ids.instagram)?.echo_statuses).toBe(true);
		const listed = await api.control('/channels');
		expect(arr(listed.json.channels).find((c) => String(c.id) === sb.ids.instagram)).toMatchObject({
			echo_statuses: true,
		});
		const bad = await patch({ echo_statuses: 'yes' }, sb.ids.instagram);
		expect(bad.status).toBe(422);
		expect(arr(bad.json.detail)[0]).toMatchObject({
			loc: ['body', 'echo_statuses'],
			type: 'bool_type',
		});
		await api.post('/api/v1/redirects', { uri_pattern: 'https://app.example.com/*' });
		const s = await api.post('/api/v1/channels/setup-url', {
			channel_type: 'facebook',
			redirect_uri: 'https://app.example.com/cb',
		});
		const code = (await api.control('/oauth/complete', { session_id: s.json.session_id })).json
			.code;
		const ex = await api.post('/api/v1/channels/exchange-code', {
			code,
			echo_statuses: true,
			webhook_events: ['message.echo'],
		});
		expect(ex.status).toBe(200);
		expect(ex.json.webhook_events).toEqual(['message.echo']);
		expect(sb.state.channels.get(String(ex.json.channel_id))?.echo_statuses).toBe(true);
	});

	it('message.echo is accepted on every channel type and never enabled by default', async () => {
		for (const id of [sb.ids.whatsapp, sb.ids.instagram, sb.ids.facebook]) {
			const res = await patch({ webhook_events: ['message.received', 'message.echo'] }, id);
			expect(res.status).toBe(200);
			expect(res.json.webhook_events).toEqual(['message.received', 'message.echo']);
		}
		const wired = createSandbox({ webhookUrl: 'http://127.0.0.1:1/hook' });
		expect(wired.state.channels.get(sb.ids.instagram)?.webhook_events).toEqual([
			'message.received',
			'message.delivered',
			'message.read',
		]);
		const echoWired = createSandbox({
			webhookUrl: 'http://127.0.0.1:1/hook',
			webhookEvents: ['message.echo', 'message.sent'],
		});
		expect(echoWired.state.channels.get(sb.ids.instagram)?.webhook_events).toEqual([
			'message.echo',
		]);
	});

	it('local rules (default): http on localhost/127.0.0.1 accepted, other hosts refused', async () => {
		expect((await patch({ webhook_url: 'http://localhost:5678/webhook/x' })).status).toBe(200);
		expect((await patch({ webhook_url: 'http://127.0.0.1:5678/webhook/x' })).status).toBe(200);
		expect((await patch({ webhook_url: 'https://[::1]:8443/x' })).status).toBe(200);
		expect((await patch({ webhook_url: 'http://example.org/hook' })).status).toBe(400);
		expect((await patch({ webhook_url: 'https://example.org/hook' })).status).toBe(400);
	});

	it('production rules: HTTPS only, explicit ports allowed, loopback refused', async () => {
		const prod = createSandbox({ webhookUrlRules: 'production' });
		const p = client((await prod.start()).url, prod.apiKey);
		const set = async (url: string) =>
			await p.patch(`/api/v1/channels/${prod.ids.whatsapp}`, { webhook_url: url });
		try {
			for (const url of ['http://localhost:5678/x', 'http://n8n.example.com/x', 'not a url']) {
				const res = await set(url);
				expect(res.status).toBe(400);
				expect(String(res.json.detail)).toContain('HTTPS');
			}
			for (const url of ['https://localhost/x', 'https://127.0.0.5:8443/x', 'https://[::1]/x']) {
				const res = await set(url);
				expect(res.status).toBe(400);
				expect(String(res.json.detail)).toContain('loopback');
			}
			const ok = await set('https://localhost.example.com:8443/webhook/x');
			expect(ok.status).toBe(200);
			expect(ok.json.webhook_url).toBe('https://localhost.example.com:8443/webhook/x');
			const inbound = await prod.inbound({
				channel_id: prod.ids.whatsapp,
				from: '15551234567',
				text: 'hi',
			});
			expect(inbound.delivery).toMatchObject({ delivered: false, skipped: 'event_not_enabled' });
		} finally {
			await prod.stop();
		}
	});

	it('FIWANO_SANDBOX_WEBHOOK_URL_RULES picks the rules; anything else is refused', async () => {
		const fromEnv = withEnv({ FIWANO_SANDBOX_WEBHOOK_URL_RULES: 'production' }, () =>
			createSandbox(),
		);
		const p = client((await fromEnv.start()).url, fromEnv.apiKey);
		try {
			const res = await p.patch(`/api/v1/channels/${fromEnv.ids.whatsapp}`, {
				webhook_url: 'http://localhost:5678/x',
			});
			expect(res.status).toBe(400);
		} finally {
			await fromEnv.stop();
		}
		expect(() => createSandbox({ webhookUrlRules: 'strict' as 'local' })).toThrow(
			/webhookUrlRules/,
		);
	});
});
