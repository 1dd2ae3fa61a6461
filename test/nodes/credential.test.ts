import nock from 'nock';
import { Workflow } from 'n8n-workflow';
import type { ICredentialDataDecryptedObject, IHttpRequestOptions, INodeProperties } from 'n8n-workflow';

import { FiwanoApi } from '../../credentials/FiwanoApi.credentials';
import { TestCredentialsHelper } from '../helpers/credentials-helper';
import { createLoadOptionsContext } from '../helpers/load-options';
import { createNodeTypes, PACKAGE } from '../helpers/node-types';
import { API_KEY } from '../helpers/run-node';

const credential = new FiwanoApi();

const workflow = new Workflow({
	id: 'credential-test',
	nodes: [
		{
			id: 'fiwano',
			name: 'Fiwano',
			type: `${PACKAGE}.fiwano`,
			typeVersion: 3,
			position: [0, 0],
			parameters: {},
		},
	],
	connections: {},
	active: false,
	nodeTypes: createNodeTypes(),
});
const node = workflow.getNode('Fiwano')!;

/** Resolves a credential expression as n8n does when it runs the credential test. */
function resolve(value: string, credentials: ICredentialDataDecryptedObject): unknown {
	return workflow.expression.getSimpleParameterValue(
		node,
		value,
		'internal',
		{ $credentials: credentials },
		undefined,
		'',
	);
}

const property = (name: string): INodeProperties | undefined =>
	credential.properties.find((entry) => entry.name === name);

describe('Fiwano API credential', () => {
	it('has the documented identity', () => {
		expect(credential.name).toBe('fiwanoApi');
		expect(credential.displayName).toBe('Fiwano API');
		expect(credential.documentationUrl).toMatch(/^https:\/\//);
		expect(credential.icon).toEqual({
			light: 'file:../icons/fiwano.svg',
			dark: 'file:../icons/fiwano.dark.svg',
		});
	});

	it('declares API Key (required password), Base URL (default https://fiwano.com) and Webhook Secret (password)', () => {
		expect(credential.properties.map((entry) => entry.name)).toEqual(['apiKey', 'baseUrl', 'webhookSecret']);
		expect(property('apiKey')).toMatchObject({
			type: 'string',
			required: true,
			default: '',
			typeOptions: { password: true },
		});
		expect(property('baseUrl')).toMatchObject({ type: 'string', default: 'https://fiwano.com' });
		expect(property('baseUrl')?.typeOptions?.password).toBeUndefined();
		expect(property('webhookSecret')).toMatchObject({
			type: 'string',
			default: '',
			typeOptions: { password: true },
		});
		expect(property('webhookSecret')?.required).toBeUndefined();
	});

	it.each([
		['https://fiwano.com', 'https://fiwano.com'],
		['https://proxy.example.test/', 'https://proxy.example.test'],
		['http://localhost:8080///', 'http://localhost:8080'],
	])('test request: Base URL %j resolves to %j + /api/v1/channels (GET)', (baseUrl, expected) => {
		const request = credential.test.request;
		expect(request.method).toBe('GET');
		expect(request.url).toBe('/api/v1/channels');
		expect(resolve(String(request.baseURL), { apiKey: API_KEY, baseUrl })).toBe(expected);
	});

	it('authenticate puts the key in X-API-Key (and nothing else)', async () => {
		const helper = new TestCredentialsHelper({ fiwanoApi: credential }, {});
		const options: IHttpRequestOptions = { url: '/api/v1/channels', headers: { Accept: 'application/json' } };
		const authenticated = await helper.authenticate(
			{ apiKey: API_KEY, baseUrl: 'https://fiwano.com' },
			'fiwanoApi',
			options,
			workflow,
			node,
		);
		expect(authenticated).toEqual({
			url: '/api/v1/channels',
			headers: { Accept: 'application/json', 'X-API-Key': API_KEY },
		});
		expect(credential.authenticate).toEqual({
			type: 'generic',
			properties: { headers: { 'X-API-Key': '={{$credentials.apiKey}}' } },
		});
	});

	it('the resolved test request reaches <Base URL>/api/v1/channels with the key', async () => {
		const credentials = { apiKey: API_KEY, baseUrl: 'https://proxy.example.test/' };
		const scope = nock('https://proxy.example.test')
			.matchHeader('x-api-key', API_KEY)
			.get('/api/v1/channels')
			.reply(200, { channels: [], total: 0 });
		const context = createLoadOptionsContext({ credentials });
		const { request } = credential.test;
		const response = await context.helpers.httpRequestWithAuthentication.call(context, 'fiwanoApi', {
			method: request.method,
			url: String(request.url),
			baseURL: String(resolve(String(request.baseURL), credentials)),
			json: true,
		});
		expect(response).toEqual({ channels: [], total: 0 });
		scope.done();
	});

	it('explains 401 and 402 answers of the test request', () => {
		expect(credential.test.rules).toEqual([
			{
				type: 'responseCode',
				properties: { value: 401, message: expect.stringContaining('rejected the API key') },
			},
			{
				type: 'responseCode',
				properties: { value: 402, message: expect.stringContaining('trial or subscription has ended') },
			},
		]);
		for (const rule of credential.test.rules ?? []) {
			if (rule.type === 'responseCode') expect(rule.properties.message).toMatch(/portal\.$/);
		}
	});
});
