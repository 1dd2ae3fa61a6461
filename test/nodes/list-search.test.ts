import nock from 'nock';

import { runListSearch } from '../helpers/load-options';
import { API_KEY, BASE_URL } from '../helpers/run-node';

const PROXY_URL = 'https://proxy.example.test';
const PROXY_KEY = ['mip', 'live', 'proxy', 'search'].join('_');
const proxyCredentials = { apiKey: PROXY_KEY, baseUrl: `${PROXY_URL}//` };

const api = () => nock(BASE_URL).matchHeader('x-api-key', API_KEY);

const channels = [
	{
		id: 'ig1',
		channel_type: 'instagram',
		name: 'Shop IG',
		is_active: false,
		ig_username: 'shop',
		page_id: 'p9',
	},
	{
		id: 'wa1',
		channel_type: 'whatsapp',
		name: 'My Business',
		is_active: true,
		phone_number: '+1234567890',
	},
	{ id: 'fb1', channel_type: 'facebook', name: 'My Page', is_active: true, page_id: '1122' },
	{ id: 'wa2', channel_type: 'whatsapp', name: null, is_active: true, phone_number: null },
	{ id: 'x1', channel_type: 'telegram', name: '', is_active: false },
];

describe('searchChannels', () => {
	it('labels every channel type, puts active ones first and keeps the API order otherwise', async () => {
		const scope = api().get('/api/v1/channels').reply(200, { channels, total: 5 });
		const { results } = await runListSearch('searchChannels');
		expect(results).toEqual([
			{ name: 'My Business · WhatsApp +1234567890', value: 'wa1' },
			{ name: 'My Page · Messenger 1122', value: 'fb1' },
			{ name: 'wa2 · WhatsApp', value: 'wa2' },
			{ name: 'Shop IG · Instagram @shop (inactive)', value: 'ig1' },
			{ name: 'x1 · telegram (inactive)', value: 'x1' },
		]);
		scope.done();
	});

	it('filters on label and ID, case-insensitively, at the credential Base URL', async () => {
		const scope = nock(PROXY_URL)
			.matchHeader('x-api-key', PROXY_KEY)
			.get('/api/v1/channels')
			.times(3)
			.reply(200, { channels, total: 5 });
		expect(
			await runListSearch('searchChannels', ' @SHOP ', { credentials: proxyCredentials }),
		).toEqual({
			results: [{ name: 'Shop IG · Instagram @shop (inactive)', value: 'ig1' }],
		});
		expect(await runListSearch('searchChannels', 'fb1', { credentials: proxyCredentials })).toEqual(
			{
				results: [{ name: 'My Page · Messenger 1122', value: 'fb1' }],
			},
		);
		expect(
			await runListSearch('searchChannels', 'nothing', { credentials: proxyCredentials }),
		).toEqual({
			results: [],
		});
		scope.done();
	});

	it('surfaces an API error as the mapped error', async () => {
		const scope = api().get('/api/v1/channels').reply(401, { detail: 'Invalid API key' });
		await expect(runListSearch('searchChannels')).rejects.toMatchObject({
			message: 'Fiwano rejected the API key: Invalid API key',
			httpCode: '401',
		});
		scope.done();
	});
});

describe('searchWhatsAppChannels', () => {
	it('offers only active WhatsApp channels, in API order, filtered by label or ID', async () => {
		const scope = api().get('/api/v1/channels').times(3).reply(200, { channels, total: 5 });
		expect(await runListSearch('searchWhatsAppChannels')).toEqual({
			results: [
				{ name: 'My Business · WhatsApp +1234567890', value: 'wa1' },
				{ name: 'wa2 · WhatsApp', value: 'wa2' },
			],
		});
		expect(await runListSearch('searchWhatsAppChannels', '+1234')).toEqual({
			results: [{ name: 'My Business · WhatsApp +1234567890', value: 'wa1' }],
		});
		// An Instagram channel matches the text but is never offered.
		expect(await runListSearch('searchWhatsAppChannels', 'shop')).toEqual({ results: [] });
		scope.done();
	});

	it('leaves out an inactive WhatsApp channel', async () => {
		const inactive = [{ id: 'wa9', channel_type: 'whatsapp', name: 'Old', is_active: false }];
		const scope = api().get('/api/v1/channels').reply(200, { channels: inactive, total: 1 });
		expect(await runListSearch('searchWhatsAppChannels')).toEqual({ results: [] });
		scope.done();
	});

	it('surfaces an API error as the mapped error', async () => {
		const scope = api().get('/api/v1/channels').reply(401, { detail: 'Invalid API key' });
		await expect(runListSearch('searchWhatsAppChannels')).rejects.toMatchObject({
			httpCode: '401',
		});
		scope.done();
	});
});

const templates = [
	{
		id: 't1',
		name: 'order_confirmation',
		language: 'en_US',
		category: 'UTILITY',
		status: 'APPROVED',
	},
	{ id: 't2', name: 'promo', language: 'es', category: 'MARKETING', status: 'PENDING' },
	{ id: 't3', name: 'otp', language: 'en_US', category: 'AUTHENTICATION', status: 'APPROVED' },
];
const channelParameter = (value: string) => ({
	resource: 'template',
	operation: 'get',
	channelId: { __rl: true, mode: 'id', value },
});

describe('searchTemplates', () => {
	it("lists the current channel's cached templates (sync=false) with name, language and status", async () => {
		const scope = api()
			.get('/api/v1/channels/wa%2F1/templates')
			.query({ sync: 'false' })
			.reply(200, { templates });
		const result = await runListSearch('searchTemplates', undefined, {
			parameters: channelParameter('wa/1'),
			path: 'templateId',
		});
		expect(result).toEqual({
			results: [
				{ name: 'order_confirmation · en_US · APPROVED', value: 't1' },
				{ name: 'promo · es · PENDING', value: 't2' },
				{ name: 'otp · en_US · APPROVED', value: 't3' },
			],
		});
		scope.done();
	});

	it('filters by name, language or ID', async () => {
		const scope = api()
			.get('/api/v1/channels/wa1/templates')
			.query({ sync: 'false' })
			.times(2)
			.reply(200, { templates });
		const parameters = channelParameter('wa1');
		expect(await runListSearch('searchTemplates', ' ES ', { parameters })).toEqual({
			results: [{ name: 'promo · es · PENDING', value: 't2' }],
		});
		expect(await runListSearch('searchTemplates', 't3', { parameters })).toEqual({
			results: [{ name: 'otp · en_US · APPROVED', value: 't3' }],
		});
		scope.done();
	});

	it('asks nothing while no channel is selected', async () => {
		const scope = api().get(/.*/).reply(200, { templates });
		expect(
			await runListSearch('searchTemplates', undefined, { parameters: channelParameter('') }),
		).toEqual({
			results: [],
		});
		expect(await runListSearch('searchTemplates')).toEqual({ results: [] });
		expect(scope.isDone()).toBe(false);
	});

	it('surfaces a 402 as the mapped error', async () => {
		const scope = api()
			.get('/api/v1/channels/wa1/templates')
			.query({ sync: 'false' })
			.reply(402, { detail: 'Pro license required' });
		await expect(
			runListSearch('searchTemplates', undefined, { parameters: channelParameter('wa1') }),
		).rejects.toMatchObject({
			message:
				'Payment required: Pro license required. The account owner must renew or upgrade it on the Billing page of the Fiwano portal; retrying will not help.',
			httpCode: '402',
		});
		scope.done();
	});
});

describe('template lists on a channel that is not WhatsApp', () => {
	const refused = (id: string, status: number) =>
		api().get(`/api/v1/channels/${id}/templates`).query(true).reply(status, {
			detail: 'Templates are only supported for WhatsApp channels (this channel is instagram).',
		});

	it.each([
		['searchTemplates', 400, 'instagram', 'an Instagram'],
		['searchApprovedTemplates', 500, 'facebook', 'a Messenger'],
	] as const)(
		'%s: a %i becomes one entry that explains it (%s)',
		async (method, status, type, article) => {
			const scope = refused('ig1', status);
			const lookup = api()
				.get('/api/v1/channels/ig1')
				.reply(200, { id: 'ig1', channel_type: type, is_active: true });
			expect(
				await runListSearch(method, undefined, { parameters: channelParameter('ig1') }),
			).toEqual({
				results: [
					{
						name: `No templates: this is ${article} channel. Templates exist only on WhatsApp channels; pick a WhatsApp channel above.`,
						value: '',
					},
				],
			});
			scope.done();
			lookup.done();
		},
	);

	it('keeps the error when the channel is a WhatsApp channel after all', async () => {
		const scope = refused('wa1', 500);
		const lookup = api()
			.get('/api/v1/channels/wa1')
			.reply(200, { id: 'wa1', channel_type: 'whatsapp', is_active: true });
		await expect(
			runListSearch('searchTemplates', undefined, { parameters: channelParameter('wa1') }),
		).rejects.toMatchObject({ httpCode: '500' });
		scope.done();
		lookup.done();
	});

	it('keeps the error when the channel cannot be read either', async () => {
		const scope = refused('zz', 400);
		const lookup = api().get('/api/v1/channels/zz').reply(404, { detail: 'Channel not found' });
		await expect(
			runListSearch('searchTemplates', undefined, { parameters: channelParameter('zz') }),
		).rejects.toMatchObject({ httpCode: '400' });
		scope.done();
		lookup.done();
	});
});

describe('searchApprovedTemplates', () => {
	const sendTemplate = {
		resource: 'message',
		operation: 'sendTemplate',
		channelId: { __rl: true, mode: 'list', value: 'wa1' },
	};

	it('asks for APPROVED cached templates and answers name|language values', async () => {
		const scope = nock(PROXY_URL)
			.matchHeader('x-api-key', PROXY_KEY)
			.get('/api/v1/channels/wa1/templates')
			.query({ sync: 'false', status: 'APPROVED' })
			.reply(200, { templates });
		const result = await runListSearch('searchApprovedTemplates', undefined, {
			parameters: sendTemplate,
			credentials: proxyCredentials,
		});
		// t2 is PENDING: dropped even if the API returned it.
		expect(result).toEqual({
			results: [
				{ name: 'order_confirmation · en_US · UTILITY', value: 'order_confirmation|en_US' },
				{ name: 'otp · en_US · AUTHENTICATION', value: 'otp|en_US' },
			],
		});
		scope.done();
	});

	it('filters by name, language or category', async () => {
		const scope = api()
			.get('/api/v1/channels/wa1/templates')
			.query({ sync: 'false', status: 'APPROVED' })
			.reply(200, { templates });
		expect(
			await runListSearch('searchApprovedTemplates', 'authentication', {
				parameters: sendTemplate,
			}),
		).toEqual({
			results: [{ name: 'otp · en_US · AUTHENTICATION', value: 'otp|en_US' }],
		});
		scope.done();
	});

	it('surfaces a 404 as the mapped error', async () => {
		const scope = api()
			.get('/api/v1/channels/wa1/templates')
			.query({ sync: 'false', status: 'APPROVED' })
			.reply(404, { detail: 'Channel not found' });
		await expect(
			runListSearch('searchApprovedTemplates', undefined, { parameters: sendTemplate }),
		).rejects.toMatchObject({
			message:
				'Not found: Channel not found. Use a channel ID from Channel > Get Many, or the channel_id of the trigger event.',
		});
		scope.done();
	});
});

describe('searchRedirects', () => {
	const redirects = [
		{ id: 'redir_1', uri_pattern: 'https://yourapp.com/callback' },
		{ id: 'redir_2', uri_pattern: 'https://*.example.com/*' },
	];

	it('lists redirect URIs and filters by pattern or ID', async () => {
		const scope = api().get('/api/v1/redirects').times(3).reply(200, { redirects });
		expect(await runListSearch('searchRedirects')).toEqual({
			results: [
				{ name: 'https://yourapp.com/callback', value: 'redir_1' },
				{ name: 'https://*.example.com/*', value: 'redir_2' },
			],
		});
		expect(await runListSearch('searchRedirects', 'EXAMPLE')).toEqual({
			results: [{ name: 'https://*.example.com/*', value: 'redir_2' }],
		});
		expect(await runListSearch('searchRedirects', 'redir_1')).toEqual({
			results: [{ name: 'https://yourapp.com/callback', value: 'redir_1' }],
		});
		scope.done();
	});

	it('uses the credential Base URL and surfaces a 400 as the mapped error', async () => {
		const scope = nock(PROXY_URL)
			.matchHeader('x-api-key', PROXY_KEY)
			.get('/api/v1/redirects')
			.reply(400, { detail: 'API key has no redirect access' });
		await expect(
			runListSearch('searchRedirects', undefined, { credentials: proxyCredentials }),
		).rejects.toMatchObject({
			message: 'Fiwano rejected the request: API key has no redirect access',
			httpCode: '400',
		});
		scope.done();
	});
});
