import { createSandbox, type Sandbox } from './server';
import { arr, client, type Client } from './helpers';

describe('sandbox templates', () => {
	let sb: Sandbox;
	let api: Client;
	let path: string;

	beforeAll(async () => {
		sb = createSandbox({ statusDelaysMs: 0 });
		api = client((await sb.start()).url, sb.apiKey);
		path = `/api/v1/channels/${sb.ids.whatsapp}/templates`;
	});
	afterAll(async () => await sb.stop());
	beforeEach(() => sb.reset());

	const body = {
		name: 'order_update',
		category: 'UTILITY',
		language: 'en_US',
		components: [
			{
				type: 'BODY',
				text: 'Hi {{1}}, your order {{2}} is confirmed.',
				example: { body_text: [['Pablo', 'ORD-123']] },
			},
		],
	};

	it('lists with TemplateListResponse shape, status filter and sync flag', async () => {
		const all = await api.get(path);
		expect(all.status).toBe(200);
		expect(all.json.total).toBe(5);
		expect(all.json.synced).toBe(true);
		const approved = await api.get(`${path}?status=APPROVED&sync=false`);
		expect(approved.json.synced).toBe(false);
		expect(
			arr(approved.json.templates)
				.map((t) => t.name)
				.sort(),
		).toEqual(['hello_world', 'order_confirmation', 'welcome_message']);
		expect(arr((await api.get(`${path}?status=PENDING`)).json.templates).map((t) => t.id)).toEqual([
			sb.ids.templates.pendingPromo,
		]);
		expect((await api.get(`${path}?sync=maybe`)).status).toBe(422);
	});

	it('computes the variables summary from components', async () => {
		const pos = await api.get(`${path}/${sb.ids.templates.orderConfirmation}`);
		expect(pos.json).toMatchObject({
			id: sb.ids.templates.orderConfirmation,
			meta_template_id: expect.any(String),
			status: 'APPROVED',
			parameter_format: 'positional',
		});
		expect(pos.json.variables).toEqual({
			total_count: 5,
			parameter_format: 'positional',
			header: [{ position: 1, name: null, example: 'Summer Sale' }],
			body: [
				{ position: 1, name: null, example: 'Pablo' },
				{ position: 2, name: null, example: 'ORD-123' },
				{ position: 3, name: null, example: '25%' },
			],
			buttons: [
				expect.objectContaining({
					index: 0,
					position: 1,
					example: 'https://shop.example.com/promo/promo25',
				}),
			],
		});
		const named = await api.get(`${path}/${sb.ids.templates.welcomeMessage}`);
		expect(named.json.variables).toEqual({
			total_count: 2,
			parameter_format: 'named',
			header: [],
			body: [
				{ position: 1, name: 'customer_name', example: 'Pablo' },
				{ position: 2, name: 'order_number', example: 'ORD-123' },
			],
			buttons: [],
		});
		expect((await api.get(`${path}/${sb.ids.templates.helloWorld}`)).json.variables).toMatchObject({
			total_count: 0,
		});
		expect((await api.get(`${path}/tpl_missing`)).status).toBe(404);
	});

	it('creates as PENDING (201), rejects duplicates, approves via control and sends', async () => {
		const res = await api.post(path, body);
		expect(res.status).toBe(201);
		expect(res.json).toMatchObject({
			name: 'order_update',
			status: 'PENDING',
			category: 'UTILITY',
			variables: { total_count: 2 },
		});
		expect((await api.post(path, body)).status).toBe(400);
		const send = {
			channel_id: sb.ids.whatsapp,
			template_name: 'order_update',
			language: 'en_US',
			recipient: '1',
			variables: { body: ['a', 'b'] },
		};
		expect((await api.post('/api/v1/messages/send-template', send)).status).toBe(400);
		const approved = await api.control('/approve-template', { template_id: res.json.id });
		expect(approved.json.status).toBe('APPROVED');
		expect((await api.post('/api/v1/messages/send-template', send)).json.success).toBe(true);
	});

	it.each([
		['bad name', { name: 'Order-Update' }, 'name', 'string_pattern_mismatch'],
		['long name', { name: 'a'.repeat(513) }, 'name', 'string_too_long'],
		['bad category', { category: 'PROMO' }, 'category', 'string_pattern_mismatch'],
		[
			'bad parameter_format',
			{ parameter_format: 'numbered' },
			'parameter_format',
			'string_pattern_mismatch',
		],
		['components not a list', { components: 'BODY' }, 'components', 'list_type'],
		['missing language', { language: undefined }, 'language', 'missing'],
	])('422 for %s', async (_n, over, field, type) => {
		const res = await api.post(path, { ...body, ...over });
		expect(res.status).toBe(422);
		expect(arr(res.json.detail)[0]).toMatchObject({ loc: ['body', field], type });
	});

	it('400 without BODY or with a media header; 400 on non-WhatsApp; 402 on lapsed Pro', async () => {
		expect(
			(await api.post(path, { ...body, components: [{ type: 'FOOTER', text: 'x' }] })).status,
		).toBe(400);
		expect(
			(
				await api.post(path, {
					...body,
					components: [{ type: 'HEADER', format: 'IMAGE' }, body.components[0]],
				})
			).status,
		).toBe(400);
		const ig = await api.get(`/api/v1/channels/${sb.ids.instagram}/templates`);
		expect(ig.status).toBe(400);
		expect(String(ig.json.detail)).toMatch(/WhatsApp/);
		await api.control('/channel', {
			channel_id: sb.ids.whatsapp,
			subscription: { tier: 'starter' },
		});
		expect((await api.get(path)).status).toBe(402);
	});

	it('updates components (back to PENDING) with edit rules', async () => {
		const comps = {
			components: [{ type: 'BODY', text: 'Hello {{1}}', example: { body_text: [['Pablo']] } }],
		};
		expect((await api.put(`${path}/${sb.ids.templates.pendingPromo}`, comps)).status).toBe(400);
		expect(
			(await api.put(`${path}/${sb.ids.templates.helloWorld}`, { ...comps, category: 'MARKETING' }))
				.status,
		).toBe(400);
		expect((await api.put(`${path}/${sb.ids.templates.helloWorld}`, {})).status).toBe(422);
		const res = await api.put(`${path}/${sb.ids.templates.helloWorld}`, comps);
		expect(res.status).toBe(200);
		expect(res.json).toMatchObject({ status: 'PENDING', variables: { total_count: 1 } });
		await api.control('/approve-template', { template_id: sb.ids.templates.helloWorld });
		expect((await api.put(`${path}/${sb.ids.templates.helloWorld}`, comps)).status).toBe(400);
		sb.advanceClock(24 * 3600 * 1000 + 1);
		expect((await api.put(`${path}/${sb.ids.templates.helloWorld}`, comps)).status).toBe(200);
		const rejected = await api.put(`${path}/${sb.ids.templates.rejected}`, {
			...comps,
			category: 'UTILITY',
		});
		expect(rejected.json).toMatchObject({ status: 'PENDING', category: 'UTILITY' });
	});

	it('deletes one language or all languages; deleted approved names are blocked', async () => {
		const es = await api.post(path, { ...body, name: 'hello_world', language: 'es' });
		expect(es.status).toBe(201);
		const one = await api.del(`${path}/${sb.ids.templates.orderConfirmation}`);
		expect(one.status).toBe(200);
		expect((await api.get(`${path}/${sb.ids.templates.orderConfirmation}`)).status).toBe(404);
		expect((await api.post(path, { ...body, name: 'order_confirmation' })).status).toBe(400);
		const all = await api.del(`${path}/${sb.ids.templates.helloWorld}?all_languages=true`);
		expect(all.json.deleted_count).toBe(2);
		expect((await api.get(`${path}/${String(es.json.id)}`)).status).toBe(404);
		expect((await api.del(`${path}/${sb.ids.templates.helloWorld}`)).status).toBe(404);
	});
});
