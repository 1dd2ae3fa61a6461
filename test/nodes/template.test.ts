import nock from 'nock';

import { API_KEY, BASE_URL, runFiwano } from '../helpers/run-node';

const PROXY_URL = 'https://proxy.example.test';
const PROXY_KEY = ['mip', 'live', 'proxy', 'template'].join('_');
const proxyCredentials = { apiKey: PROXY_KEY, baseUrl: `${PROXY_URL}/` };

const CHANNEL = 'a1b2c3d4e5f67890';
const byId = (value: string) => ({ __rl: true, mode: 'id', value });
const api = () => nock(BASE_URL).matchHeader('x-api-key', API_KEY);
const paired = (item = 0) => ({ item });
const templatesPath = `/api/v1/channels/${CHANNEL}/templates`;

const template = (id: string, status = 'APPROVED') => ({
	id,
	name: `tpl_${id}`,
	language: 'en_US',
	category: 'UTILITY',
	status,
});

describe('Template > Get Many', () => {
	const getMany = (extra: Record<string, unknown> = {}) => ({
		resource: 'template',
		operation: 'getAll',
		channelId: byId(CHANNEL),
		...extra,
	});

	it('sends no query without filters (API defaults: sync from Meta, all statuses) and splits templates', async () => {
		const templates = [template('t1'), template('t2', 'PENDING')];
		const scope = api().get(templatesPath).reply(200, { templates, total: 2 });
		const { items, error } = await runFiwano(getMany());
		expect(error).toBeUndefined();
		expect(items).toEqual(templates.map((json) => ({ json, pairedItem: paired() })));
		scope.done();
	});

	it('sends sync and status filters as query parameters', async () => {
		const cached = api()
			.get(templatesPath)
			.query({ sync: 'false', status: 'REJECTED' })
			.reply(200, { templates: [template('t3', 'REJECTED')] });
		const rejected = await runFiwano(getMany({ filters: { sync: false, status: 'REJECTED' } }));
		expect(rejected.items).toEqual([{ json: template('t3', 'REJECTED'), pairedItem: paired() }]);
		cached.done();

		const synced = api()
			.get(templatesPath)
			.query({ sync: 'true' })
			.reply(200, { templates: [] });
		const none = await runFiwano(getMany({ filters: { sync: true } }));
		expect(none.items).toEqual([]);
		expect(none.error).toBeUndefined();
		synced.done();

		const status = api()
			.get(templatesPath)
			.query({ status: 'PENDING' })
			.reply(200, { templates: [template('t4', 'PENDING')] });
		const pending = await runFiwano(getMany({ filters: { status: 'PENDING' } }));
		expect(pending.items).toEqual([{ json: template('t4', 'PENDING'), pairedItem: paired() }]);
		status.done();
	});

	it('applies Limit and Return All', async () => {
		const templates = Array.from({ length: 4 }, (_, i) => template(`t${i}`));
		const limited = api().get(templatesPath).reply(200, { templates });
		const two = await runFiwano(getMany({ limit: 2 }));
		expect(two.items).toEqual([
			{ json: templates[0], pairedItem: paired() },
			{ json: templates[1], pairedItem: paired() },
		]);
		limited.done();

		const all = api().get(templatesPath).reply(200, { templates });
		const every = await runFiwano(getMany({ returnAll: true, limit: 1 }));
		expect(every.items.map((item) => item.json)).toEqual(templates);
		all.done();
	});

	it('uses the credential Base URL and a channel from an expression', async () => {
		const scope = nock(PROXY_URL)
			.matchHeader('x-api-key', PROXY_KEY)
			.get('/api/v1/channels/ch%201/templates')
			.query({ sync: 'false' })
			.reply(200, { templates: [template('t5')] });
		const { items } = await runFiwano(
			getMany({
				channelId: { __rl: true, mode: 'id', value: '={{ $json.channel }}' },
				filters: { sync: false },
			}),
			{ credentials: proxyCredentials, input: [{ channel: 'ch 1' }] },
		);
		expect(items).toEqual([{ json: template('t5'), pairedItem: paired() }]);
		scope.done();
	});

	it('maps 402 (Pro required)', async () => {
		const scope = api().get(templatesPath).reply(402, { detail: 'Pro license required' });
		const { items, error } = await runFiwano(getMany());
		expect(items).toEqual([]);
		expect(error?.message).toBe('Payment required: Pro license required. The account owner must renew or upgrade it on the Billing page of the Fiwano portal; retrying will not help.');
		scope.done();
	});
});

describe('Template > Get', () => {
	it('GETs the template of the channel', async () => {
		const body = { ...template('tpl_abc123'), components: [{ type: 'BODY', text: 'Hi {{1}}' }] };
		const scope = api().get(`${templatesPath}/tpl_abc123`).reply(200, body);
		const { items, error } = await runFiwano({
			resource: 'template',
			operation: 'get',
			channelId: byId(CHANNEL),
			templateId: { __rl: true, mode: 'list', value: 'tpl_abc123' },
		});
		expect(error).toBeUndefined();
		expect(items).toEqual([{ json: body, pairedItem: paired() }]);
		scope.done();
	});

	it('encodes both IDs and uses the credential Base URL', async () => {
		const scope = nock(PROXY_URL)
			.matchHeader('x-api-key', PROXY_KEY)
			.get('/api/v1/channels/c%2F1/templates/t%3F2')
			.reply(200, { id: 't?2' });
		const { items } = await runFiwano(
			{
				resource: 'template',
				operation: 'get',
				channelId: { __rl: true, mode: 'id', value: '={{ $json.c }}' },
				templateId: { __rl: true, mode: 'id', value: '={{ $json.t }}' },
			},
			{ credentials: proxyCredentials, input: [{ c: 'c/1', t: 't?2' }] },
		);
		expect(items).toEqual([{ json: { id: 't?2' }, pairedItem: paired() }]);
		scope.done();
	});
});

describe('Template > Create', () => {
	const create = (extra: Record<string, unknown>) => ({
		resource: 'template',
		operation: 'create',
		channelId: byId(CHANNEL),
		name: 'order_confirmation',
		...extra,
	});
	const created = { id: 'tpl_new', name: 'order_confirmation', status: 'PENDING' };

	it('builds the body from fields: positional body with examples (API example)', async () => {
		const scope = api()
			.post(templatesPath, {
				name: 'order_confirmation',
				category: 'UTILITY',
				language: 'en_US',
				components: [
					{
						type: 'BODY',
						text: 'Hi {{1}}, your order {{2}} is confirmed.',
						example: { body_text: [['Pablo', 'ORD-123']] },
					},
				],
				parameter_format: 'positional',
			})
			.reply(200, created);
		const { items, error } = await runFiwano(
			create({ bodyText: 'Hi {{1}}, your order {{2}} is confirmed.', bodyExamples: 'Pablo, ORD-123' }),
		);
		expect(error).toBeUndefined();
		expect(items).toEqual([{ json: created, pairedItem: paired() }]);
		scope.done();
	});

	it('adds header with example and footer, and a body without variables has no example', async () => {
		const scope = nock(PROXY_URL)
			.matchHeader('x-api-key', PROXY_KEY)
			.post(templatesPath, {
				name: 'order_confirmation',
				category: 'MARKETING',
				language: 'es',
				components: [
					{ type: 'HEADER', format: 'TEXT', text: 'Hola {{1}}', example: { header_text: ['Ana'] } },
					{ type: 'BODY', text: 'Gracias por su compra.' },
					{ type: 'FOOTER', text: 'Fiwano' },
				],
				parameter_format: 'positional',
			})
			.reply(200, created);
		const { items } = await runFiwano(
			create({
				category: 'MARKETING',
				language: 'es',
				bodyText: '  Gracias por su compra.  ',
				componentOptions: { headerText: 'Hola {{1}}', headerExample: 'Ana', footerText: 'Fiwano' },
			}),
			{ credentials: proxyCredentials },
		);
		expect(items).toEqual([{ json: created, pairedItem: paired() }]);
		scope.done();
	});

	it('named parameter format sends *_text_named_params and parameter_format named', async () => {
		const scope = api()
			.post(templatesPath, {
				name: 'order_confirmation',
				category: 'UTILITY',
				language: 'en_US',
				components: [
					{
						type: 'HEADER',
						format: 'TEXT',
						text: 'Order {{order_id}}',
						example: { header_text_named_params: [{ param_name: 'order_id', example: 'ORD-1' }] },
					},
					{
						type: 'BODY',
						text: 'Hi {{customer_name}}, total {{ total }}',
						example: {
							body_text_named_params: [
								{ param_name: 'customer_name', example: 'Pablo' },
								{ param_name: 'total', example: '10 EUR' },
							],
						},
					},
				],
				parameter_format: 'named',
			})
			.reply(200, created);
		const { items, error } = await runFiwano(
			create({
				bodyText: 'Hi {{customer_name}}, total {{ total }}',
				bodyExamples: 'Pablo,10 EUR',
				componentOptions: {
					parameterFormat: 'named',
					headerText: 'Order {{order_id}}',
					headerExample: 'ORD-1',
				},
			}),
		);
		expect(error).toBeUndefined();
		expect(items).toEqual([{ json: created, pairedItem: paired() }]);
		scope.done();
	});

	it('JSON mode sends the components as given', async () => {
		const components = [
			{ type: 'BODY', text: 'Code {{1}}', example: { body_text: [['123456']] } },
			{ type: 'BUTTONS', buttons: [{ type: 'URL', text: 'Open', url: 'https://x.test' }] },
		];
		const scope = api()
			.post(templatesPath, {
				name: 'otp_code',
				category: 'AUTHENTICATION',
				language: 'en_US',
				components,
			})
			.reply(200, created);
		const { items, error } = await runFiwano(
			create({
				name: 'otp_code',
				category: 'AUTHENTICATION',
				componentsMode: 'json',
				componentsJson: JSON.stringify(components),
			}),
		);
		expect(error).toBeUndefined();
		expect(items).toEqual([{ json: created, pairedItem: paired() }]);
		scope.done();
	});

	it.each([
		['upper case and dash', 'Order-1', 'Name: "Order-1" is not a valid template name'],
		['empty (from an expression)', '', 'Name: is empty'],
		['longer than 512', 'a'.repeat(513), `Name: "${'a'.repeat(80)}" is not a valid template name`],
	])('refuses a name that is %s before any request', async (_case, name, message) => {
		const scope = api().post(templatesPath).reply(200, created);
		const { items, error } = await runFiwano(create({ name: '={{ $json.name }}', bodyText: 'Hi' }), {
			input: [{ name }],
		});
		expect(items).toEqual([]);
		expect(error?.message).toBe(message);
		expect(error?.description).toContain('lowercase letters, digits and underscores');
		expect(scope.isDone()).toBe(false);
	});

	it('accepts a name of exactly 512 allowed characters', async () => {
		const name = `a_1${'b'.repeat(509)}`;
		const scope = api()
			.post(templatesPath, {
				name,
				category: 'UTILITY',
				language: 'en_US',
				components: [{ type: 'BODY', text: 'Hi' }],
				parameter_format: 'positional',
			})
			.reply(200, created);
		const { error } = await runFiwano(create({ name, bodyText: 'Hi' }));
		expect(error).toBeUndefined();
		scope.done();
	});

	it('refuses a header variable without an example before any request', async () => {
		const scope = api().post(templatesPath).reply(200, created);
		const { error } = await runFiwano(
			create({ bodyText: 'Hi', componentOptions: { headerText: 'Sale {{1}}' } }),
		);
		expect(error?.message).toBe('Header Example: has 0 value(s) but the header text has 1 variable(s)');
		expect(error?.description).toContain('one comma-separated example per variable');
		expect(scope.isDone()).toBe(false);
	});

	it('refuses a mismatched example count before any request', async () => {
		const scope = api().post(templatesPath).reply(200, created);
		const { error } = await runFiwano(
			create({ bodyText: 'Hi {{1}}, order {{2}}', bodyExamples: 'Pablo' }),
		);
		expect(error?.message).toBe('Body Examples: has 1 value(s) but the body text has 2 variable(s)');
		expect(scope.isDone()).toBe(false);
	});

	it('refuses an empty body text before any request', async () => {
		const scope = api().post(templatesPath).reply(200, created);
		const { error } = await runFiwano(create({ bodyText: '   ' }));
		expect(error?.message).toBe('Body Text: is empty');
		expect(scope.isDone()).toBe(false);
	});

	it.each([
		['[{"type": "BODY"', /^Components \(JSON\): is not valid JSON \(/],
		['', /^Components \(JSON\): must be a non-empty JSON array of components$/],
		['[]', /^Components \(JSON\): must be a non-empty JSON array of components$/],
		['{"type": "BODY"}', /^Components \(JSON\): must be a non-empty JSON array of components$/],
	])('JSON mode refuses %j before any request', async (componentsJson, message) => {
		const scope = api().post(templatesPath).reply(200, created);
		const { items, error } = await runFiwano(create({ componentsMode: 'json', componentsJson }));
		expect(items).toEqual([]);
		expect(error?.message).toMatch(message);
		expect(scope.isDone()).toBe(false);
	});

	it('maps a 422 from the API', async () => {
		const scope = api()
			.post(templatesPath, {
				name: 'order_confirmation',
				category: 'UTILITY',
				language: 'en_US',
				components: [{ type: 'BODY', text: 'Hi' }],
				parameter_format: 'positional',
			})
			.reply(422, { detail: [{ loc: ['body', 'components'], msg: 'BODY required' }] });
		const { error } = await runFiwano(create({ bodyText: 'Hi' }));
		expect(error?.message).toBe('Invalid fields: components: BODY required');
		scope.done();
	});
});

describe('Template > Update', () => {
	const update = (extra: Record<string, unknown>) => ({
		resource: 'template',
		operation: 'update',
		channelId: byId(CHANNEL),
		templateId: byId('tpl_abc123'),
		...extra,
	});
	const updated = { id: 'tpl_abc123', status: 'PENDING' };

	it('PUTs the components only (no parameter_format, no category by default)', async () => {
		const scope = api()
			.put(`${templatesPath}/tpl_abc123`, {
				components: [
					{
						type: 'BODY',
						text: 'Hi {{1}}, your order {{2}} has been updated.',
						example: { body_text: [['Pablo', 'ORD-123']] },
					},
				],
			})
			.reply(200, updated);
		const { items, error } = await runFiwano(
			update({ bodyText: 'Hi {{1}}, your order {{2}} has been updated.', bodyExamples: 'Pablo, ORD-123' }),
		);
		expect(error).toBeUndefined();
		expect(items).toEqual([{ json: updated, pairedItem: paired() }]);
		scope.done();
	});

	it('adds the category and accepts JSON components, at the credential Base URL', async () => {
		const components = [{ type: 'BODY', text: 'New text' }];
		const scope = nock(PROXY_URL)
			.matchHeader('x-api-key', PROXY_KEY)
			.put(`${templatesPath}/tpl_abc123`, { components, category: 'MARKETING' })
			.reply(200, updated);
		const { items } = await runFiwano(
			update({
				componentsMode: 'json',
				componentsJson: JSON.stringify(components),
				updateFields: { category: 'MARKETING' },
			}),
			{ credentials: proxyCredentials },
		);
		expect(items).toEqual([{ json: updated, pairedItem: paired() }]);
		scope.done();
	});
});

describe('Template > Delete', () => {
	const remove = (extra: Record<string, unknown> = {}) => ({
		resource: 'template',
		operation: 'delete',
		channelId: byId(CHANNEL),
		templateId: byId('tpl_abc123'),
		...extra,
	});

	it('sends all_languages=false by default and outputs deleted: true', async () => {
		const scope = api()
			.delete(`${templatesPath}/tpl_abc123`)
			.query({ all_languages: 'false' })
			.reply(200, { message: 'Template deleted' });
		const { items, error } = await runFiwano(remove());
		expect(error).toBeUndefined();
		expect(items).toEqual([
			{
				json: { deleted: true, template_id: 'tpl_abc123', message: 'Template deleted' },
				pairedItem: paired(),
			},
		]);
		scope.done();
	});

	it('sends all_languages=true when chosen, at the credential Base URL', async () => {
		const scope = nock(PROXY_URL)
			.matchHeader('x-api-key', PROXY_KEY)
			.delete(`${templatesPath}/tpl_abc123`)
			.query({ all_languages: 'true' })
			.reply(200, {});
		const { items } = await runFiwano(remove({ allLanguages: true }), {
			credentials: proxyCredentials,
		});
		expect(items).toEqual([{ json: { deleted: true, template_id: 'tpl_abc123' }, pairedItem: paired() }]);
		scope.done();
	});

	it('reports a 404 instead of a deletion', async () => {
		const scope = api()
			.delete(`${templatesPath}/tpl_abc123`)
			.query({ all_languages: 'false' })
			.reply(404, { detail: 'Template not found' });
		const { items, error } = await runFiwano(remove());
		expect(items).toEqual([]);
		expect(error?.message).toBe('Not found: Template not found. Check the template name and language with Template > Get Many.');
		scope.done();
	});
});
