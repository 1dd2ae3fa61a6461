import { createSandbox, type Sandbox } from './server';
import { client, type Client } from './helpers';

describe('sandbox subscriptions and slots', () => {
	let sb: Sandbox;
	let api: Client;
	const otherKey = 'mip_live_other_account';

	beforeAll(async () => {
		sb = createSandbox({ statusDelaysMs: 0, extraApiKeys: [otherKey] });
		api = client((await sb.start()).url, sb.apiKey);
	});
	afterAll(async () => await sb.stop());
	beforeEach(async () => {
		sb.reset();
		await api.post('/api/v1/redirects', { uri_pattern: 'https://app.example.com/*' });
	});

	const S = () => sb.ids.subscriptions;
	const setupUrl = async (type: string) =>
		await api.post('/api/v1/channels/setup-url', {
			channel_type: type,
			redirect_uri: 'https://app.example.com/cb',
		});
	const connect = async (type: string) => {
		const s = await setupUrl(type);
		const done = await api.control('/oauth/complete', { session_id: s.json.session_id });
		return String(done.json.channel_id);
	};
	const move = async (id: string, subscriptionId: string) =>
		await api.patch(`/api/v1/channels/${id}`, { subscription_id: subscriptionId });

	it('GET /subscriptions lists every subscription with its slots and the free slots per type', async () => {
		const res = await api.get('/api/v1/subscriptions');
		expect(res.status).toBe(200);
		expect(res.json).toEqual({
			subscriptions: [
				{
					id: S().pro,
					assigned_channels: { whatsapp: sb.ids.whatsapp, instagram: null, facebook: null },
				},
				{
					id: S().trial,
					assigned_channels: { whatsapp: null, instagram: sb.ids.instagram, facebook: null },
				},
				{
					id: S().starter,
					assigned_channels: { whatsapp: null, instagram: null, facebook: sb.ids.facebook },
				},
				{
					id: S().expired,
					assigned_channels: { whatsapp: sb.ids.whatsappInactive, instagram: null, facebook: null },
				},
				{ id: S().spare, assigned_channels: { whatsapp: null, instagram: null, facebook: null } },
			],
			available_slots: { whatsapp: { total: 3 }, instagram: { total: 3 }, facebook: { total: 3 } },
		});
		expect((await client(sb.url ?? '', otherKey).get('/api/v1/subscriptions')).json).toEqual({
			subscriptions: [],
			available_slots: { whatsapp: { total: 0 }, instagram: { total: 0 }, facebook: { total: 0 } },
		});
	});

	it('channel items carry subscription.id', async () => {
		const wa = await api.get(`/api/v1/channels/${sb.ids.whatsapp}`);
		expect(wa.json.subscription).toEqual({
			id: S().pro,
			status: 'active',
			source: 'paddle',
			tier: 'pro',
			expires_at: expect.any(String),
			auto_renew: true,
		});
	});

	it('subscription_id moves a channel to a free slot; the old slot becomes free', async () => {
		const res = await move(sb.ids.facebook, S().pro);
		expect(res.status).toBe(200);
		expect((await api.get(`/api/v1/channels/${sb.ids.facebook}`)).json.subscription).toMatchObject({
			id: S().pro,
			tier: 'pro',
		});
		const list = await api.get('/api/v1/subscriptions');
		expect(list.json.subscriptions[0].assigned_channels).toEqual({
			whatsapp: sb.ids.whatsapp,
			instagram: null,
			facebook: sb.ids.facebook,
		});
		expect(list.json.subscriptions[2].assigned_channels.facebook).toBeNull();
		expect(list.json.available_slots.facebook).toEqual({ total: 3 });
		expect((await move(sb.ids.whatsapp, S().pro)).status).toBe(200);
	});

	it('409 no_free_slot when the target slot is taken, 404 for unknown or foreign ids, 422 for non-strings', async () => {
		const taken = await move(sb.ids.whatsapp, S().expired);
		expect(taken.status).toBe(409);
		expect(taken.json.detail).toEqual({
			code: 'no_free_slot',
			message: expect.stringContaining(sb.ids.whatsappInactive),
			occupied_by: [sb.ids.whatsappInactive],
			hint: expect.any(String),
		});
		expect((await move(sb.ids.whatsapp, 'sub_nope')).status).toBe(404);
		const upsert = await api.control('/subscription', { account: 'acc_extra_1' });
		expect((await move(sb.ids.whatsapp, String(upsert.json.id))).status).toBe(404);
		const typed = await api.patch(`/api/v1/channels/${sb.ids.whatsapp}`, { subscription_id: 5 });
		expect(typed.status).toBe(422);
		expect(sb.state.channels.get(sb.ids.whatsapp)?.subscription?.id).toBe(S().pro);
	});

	it('subscription_id "" releases the slot of an inactive channel only', async () => {
		const active = await move(sb.ids.facebook, '');
		expect(active.status).toBe(409);
		expect(active.json.detail).toEqual({
			message: expect.stringContaining('active'),
			hint: expect.stringContaining('DELETE'),
		});
		await api.del(`/api/v1/channels/${sb.ids.facebook}`);
		const atomic = await api.patch(`/api/v1/channels/${sb.ids.facebook}`, {
			subscription_id: '',
			webhook_url: 'ftp://nope',
		});
		expect(atomic.status).toBe(400);
		expect(sb.state.channels.get(sb.ids.facebook)?.subscription?.id).toBe(S().starter);
		expect((await move(sb.ids.facebook, '')).status).toBe(200);
		const ch = await api.get(`/api/v1/channels/${sb.ids.facebook}`);
		expect(ch.json.subscription).toEqual({
			id: null,
			status: 'none',
			source: null,
			tier: null,
			expires_at: null,
			auto_renew: false,
		});
		expect((await api.get('/api/v1/subscriptions')).json.available_slots.facebook).toEqual({
			total: 4,
		});
		expect((await move(sb.ids.facebook, S().starter)).status).toBe(200);
	});

	it('setup-url: 409 no_free_slot with occupied_by once every slot of the type is taken; OAuth binds Pro slots first', async () => {
		const first = await connect('whatsapp');
		expect(sb.state.channels.get(first)?.subscription?.id).toBe(S().trial);
		const second = await connect('whatsapp');
		expect(sb.state.channels.get(second)?.subscription?.id).toBe(S().spare);
		const third = await connect('whatsapp');
		expect(sb.state.channels.get(third)?.subscription?.id).toBe(S().starter);
		const full = await setupUrl('whatsapp');
		expect(full.status).toBe(409);
		expect(full.json.detail).toEqual({
			code: 'no_free_slot',
			message: expect.any(String),
			occupied_by: [sb.ids.whatsapp, first, third, second],
			hint: expect.any(String),
		});
		expect((await setupUrl('instagram')).status).toBe(200);
	});

	it('setup-url: 402 without an active subscription (naturally, and by switch); 409 by switch', async () => {
		await api.control('/faults', { setupUrlError: 'no_active_subscription' });
		const forced = await setupUrl('instagram');
		expect(forced.status).toBe(402);
		expect(String(forced.json.detail)).toContain('No active subscription');
		await api.control('/faults', { setupUrlError: 'no_free_slot' });
		const slot = await setupUrl('instagram');
		expect(slot.status).toBe(409);
		expect(slot.json.detail).toMatchObject({
			code: 'no_free_slot',
			occupied_by: [sb.ids.instagram],
		});
		expect((await api.control('/faults', { setupUrlError: 'bogus' })).status).toBe(400);
		await api.control('/faults', { clear: true });
		expect((await setupUrl('instagram')).status).toBe(200);
		for (const id of [S().pro, S().trial, S().starter, S().spare])
			await api.control('/subscription', { subscription_id: id, status: 'expired' });
		expect((await setupUrl('instagram')).status).toBe(402);
		expect((await api.get(`/api/v1/channels/${sb.ids.whatsapp}`)).json.subscription.status).toBe(
			'expired',
		);
	});

	it('control: subscriptions are listed with slots, created and changed', async () => {
		const created = await api.control('/subscription', { tier: 'starter' });
		expect(created.json).toMatchObject({
			id: expect.stringMatching(/^sub_/),
			account: sb.ids.account,
			status: 'active',
			tier: 'starter',
			slots: { whatsapp: null, instagram: null, facebook: null },
		});
		expect((await api.get('/api/v1/subscriptions')).json.available_slots.whatsapp).toEqual({
			total: 4,
		});
		const all = await api.control('/subscriptions');
		expect(all.json.subscriptions).toHaveLength(6);
		expect((await api.control('/subscription', { subscription_id: 'nope' })).status).toBe(404);
	});

	it('control /channel changes the subscription record and refuses a released channel', async () => {
		const lapsed = await api.control('/channel', {
			channel_id: sb.ids.whatsapp,
			subscription: { id: 'ignored', status: 'canceled' },
		});
		expect(lapsed.json.subscription).toMatchObject({ id: S().pro, status: 'canceled' });
		await api.del(`/api/v1/channels/${sb.ids.whatsappInactive}`);
		await move(sb.ids.whatsappInactive, '');
		expect(
			(
				await api.control('/channel', {
					channel_id: sb.ids.whatsappInactive,
					subscription: { status: 'active' },
				})
			).status,
		).toBe(400);
	});
});
