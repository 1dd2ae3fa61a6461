import nock from 'nock';

import { API_KEY, BASE_URL, runFiwano } from '../helpers/run-node';

const PROXY_URL = 'https://proxy.example.test';
const PROXY_KEY = ['mip', 'live', 'proxy', 'redirect'].join('_');
const proxyCredentials = { apiKey: PROXY_KEY, baseUrl: `${PROXY_URL}/` };

const api = () => nock(BASE_URL).matchHeader('x-api-key', API_KEY);
const paired = (item = 0) => ({ item });
const redirects = [
	{ id: 'redir_1', uri_pattern: 'https://yourapp.com/callback', created_at: '2025-01-15T10:30:00' },
	{ id: 'redir_2', uri_pattern: 'https://*.example.com/*', created_at: '2025-01-16T10:30:00' },
	{ id: 'redir_3', uri_pattern: 'https://other.test/cb', created_at: '2025-01-17T10:30:00' },
];

describe('Redirect URI > Get Many', () => {
	it('GETs /api/v1/redirects and returns one item per redirect', async () => {
		const scope = api().get('/api/v1/redirects').reply(200, { redirects });
		const { items, error } = await runFiwano({ resource: 'redirect', operation: 'getAll' });
		expect(error).toBeUndefined();
		expect(items).toEqual(redirects.map((json) => ({ json, pairedItem: paired() })));
		scope.done();
	});

	it('applies Limit, and Return All ignores it', async () => {
		const limited = api().get('/api/v1/redirects').reply(200, { redirects });
		const two = await runFiwano({ resource: 'redirect', operation: 'getAll', limit: 2 });
		expect(two.items).toEqual([
			{ json: redirects[0], pairedItem: paired() },
			{ json: redirects[1], pairedItem: paired() },
		]);
		limited.done();

		const all = nock(PROXY_URL)
			.matchHeader('x-api-key', PROXY_KEY)
			.get('/api/v1/redirects')
			.reply(200, { redirects });
		const every = await runFiwano(
			{ resource: 'redirect', operation: 'getAll', returnAll: true, limit: 1 },
			{ credentials: proxyCredentials },
		);
		expect(every.items.map((item) => item.json)).toEqual(redirects);
		all.done();
	});

	it('maps a 401 to the API key message', async () => {
		const scope = api().get('/api/v1/redirects').reply(401, { detail: 'Invalid API key' });
		const { error } = await runFiwano({ resource: 'redirect', operation: 'getAll' });
		expect(error?.message).toBe('Fiwano rejected the API key: Invalid API key');
		scope.done();
	});
});

describe('Redirect URI > Add', () => {
	it('POSTs the trimmed uri_pattern', async () => {
		const scope = api()
			.post('/api/v1/redirects', { uri_pattern: 'https://*.example.com/callback' })
			.reply(200, { id: 'redir_9', uri_pattern: 'https://*.example.com/callback' });
		const { items, error } = await runFiwano({
			resource: 'redirect',
			operation: 'add',
			uriPattern: '  https://*.example.com/callback ',
		});
		expect(error).toBeUndefined();
		expect(items).toEqual([
			{ json: { id: 'redir_9', uri_pattern: 'https://*.example.com/callback' }, pairedItem: paired() },
		]);
		scope.done();
	});

	it('uses the credential Base URL', async () => {
		const scope = nock(PROXY_URL)
			.matchHeader('x-api-key', PROXY_KEY)
			.post('/api/v1/redirects', { uri_pattern: 'https://yourapp.com/callback' })
			.reply(200, { id: 'redir_1' });
		const { items } = await runFiwano(
			{ resource: 'redirect', operation: 'add', uriPattern: 'https://yourapp.com/callback' },
			{ credentials: proxyCredentials },
		);
		expect(items).toEqual([{ json: { id: 'redir_1' }, pairedItem: paired() }]);
		scope.done();
	});

	it.each([
		['http://yourapp.com/callback', 'URI Pattern: "http://yourapp.com/callback" is not an HTTPS URL'],
		['yourapp.com', 'URI Pattern: "yourapp.com" is not an HTTPS URL'],
		['https://', 'URI Pattern: "https://" is not an HTTPS URL'],
		['  ', 'URI Pattern: is empty'],
	])('refuses %j before any request', async (uriPattern, message) => {
		const scope = api().post('/api/v1/redirects').reply(200, {});
		const { items, error } = await runFiwano({ resource: 'redirect', operation: 'add', uriPattern });
		expect(items).toEqual([]);
		expect(error?.message).toBe(message);
		expect(error?.description).toContain('HTTPS URL');
		expect(scope.isDone()).toBe(false);
	});
});

describe('Redirect URI > Delete', () => {
	it('DELETEs the redirect and outputs deleted: true', async () => {
		const scope = api().delete('/api/v1/redirects/redir_abc123').reply(200, { message: 'Deleted' });
		const { items, error } = await runFiwano({
			resource: 'redirect',
			operation: 'delete',
			redirectId: { __rl: true, mode: 'list', value: 'redir_abc123', cachedResultName: 'https://x.test' },
		});
		expect(error).toBeUndefined();
		expect(items).toEqual([
			{ json: { deleted: true, redirect_id: 'redir_abc123', message: 'Deleted' }, pairedItem: paired() },
		]);
		scope.done();
	});

	it('encodes an ID from an expression, at the credential Base URL', async () => {
		const scope = nock(PROXY_URL)
			.matchHeader('x-api-key', PROXY_KEY)
			.delete('/api/v1/redirects/r%2F1')
			.reply(204);
		const { items } = await runFiwano(
			{
				resource: 'redirect',
				operation: 'delete',
				redirectId: { __rl: true, mode: 'id', value: '={{ $json.id }}' },
			},
			{ credentials: proxyCredentials, input: [{ id: 'r/1' }] },
		);
		expect(items).toEqual([{ json: { deleted: true, redirect_id: 'r/1' }, pairedItem: paired() }]);
		scope.done();
	});

	it('reports a 404 instead of a deletion', async () => {
		const scope = api().delete('/api/v1/redirects/nope').reply(404, { detail: 'Redirect not found' });
		const { items, error } = await runFiwano({
			resource: 'redirect',
			operation: 'delete',
			redirectId: { __rl: true, mode: 'id', value: 'nope' },
		});
		expect(items).toEqual([]);
		expect(error?.message).toBe('Not found: Redirect not found');
		scope.done();
	});
});
