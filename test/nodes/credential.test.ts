import nock from 'nock';
import { CredentialTestContext } from 'n8n-core';
import { Workflow } from 'n8n-workflow';
import type {
	ICredentialTestFunction,
	ICredentialsDecrypted,
	IHttpRequestOptions,
	INodeProperties,
	INodeType,
	IVersionedNodeType,
} from 'n8n-workflow';

import { FiwanoApi } from '../../credentials/FiwanoApi.credentials';
import { TestCredentialsHelper } from '../helpers/credentials-helper';
import { Fiwano } from '../../nodes/Fiwano/Fiwano.node';
import { FiwanoTrigger } from '../../nodes/FiwanoTrigger/FiwanoTrigger.node';
import { CREDENTIAL_TEST } from '../../nodes/shared/credentialTest';
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
		expect(credential.properties.map((entry) => entry.name)).toEqual([
			'apiKey',
			'baseUrl',
			'webhookSecret',
		]);
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

	it('authenticate puts the key in X-API-Key (and nothing else)', async () => {
		const helper = new TestCredentialsHelper({ fiwanoApi: credential }, {});
		const options: IHttpRequestOptions = {
			url: '/api/v1/channels',
			headers: { Accept: 'application/json' },
		};
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
});

const REJECTED =
	'Fiwano rejected the API key. Copy a valid key (it starts with mip_live_) from the API Keys page of the portal.';
const BILLING =
	'The API key is valid but the Fiwano trial or subscription has ended. Renew it on the Billing page of the portal.';

/** Every version of the package's nodes, as n8n's credentials tester walks them. */
const nodeVersions = (): Array<[string, INodeType]> =>
	([new Fiwano(), new FiwanoTrigger()] as IVersionedNodeType[]).flatMap((node) =>
		Object.entries(node.nodeVersions).map(
			([version, type]) => [`${node.description.name} v${version}`, type] as [string, INodeType],
		),
	);

/**
 * The credential test n8n runs, found as n8n 1.123's and 2.41's CredentialsTester
 * (getCredentialTestFunction) find it: a declarative `test` on the credential would win; without
 * one, the first node version whose credentials entry names a testedBy method.
 */
function testFunction(): ICredentialTestFunction {
	expect((credential as { test?: unknown }).test).toBeUndefined();
	for (const [, type] of nodeVersions()) {
		const entry = type.description.credentials?.find((c) => c.name === 'fiwanoApi');
		if (typeof entry?.testedBy === 'string') return type.methods!.credentialTest![entry.testedBy];
	}
	throw new Error('no node tests the credential');
}

/** Runs the test in n8n-core's real CredentialTestContext (legacy request helper over axios). */
async function runTest(data: Record<string, string>) {
	const decrypted: ICredentialsDecrypted = {
		id: 'c1',
		name: 'Fiwano account',
		type: 'fiwanoApi',
		data,
	};
	const context = new CredentialTestContext(testAdditionalDataStub);
	return await testFunction().call(context, decrypted);
}
const testAdditionalDataStub = {} as ConstructorParameters<typeof CredentialTestContext>[0];

const channels = (base = 'https://fiwano.com') =>
	nock(base)
		.matchHeader('x-api-key', API_KEY)
		.matchHeader('x-fiwano-client', 'n8n-nodes-fiwano')
		.get('/api/v1/channels');

describe('Fiwano API credential test (Test button)', () => {
	it('is a function every node version declares (testedBy) and implements', () => {
		const versions = nodeVersions();
		expect(versions.map(([name]) => name)).toEqual([
			'fiwano v1',
			'fiwano v2',
			'fiwano v3',
			'fiwanoTrigger v1',
			'fiwanoTrigger v2',
		]);
		for (const [name, type] of versions) {
			const entry = type.description.credentials?.find((c) => c.name === 'fiwanoApi');
			expect([name, entry?.testedBy]).toEqual([name, CREDENTIAL_TEST]);
			expect([name, typeof type.methods?.credentialTest?.[CREDENTIAL_TEST]]).toEqual([
				name,
				'function',
			]);
		}
	});

	it('a valid key: GET <Base URL>/api/v1/channels with the key succeeds', async () => {
		const scope = channels('https://proxy.example.test').reply(200, { channels: [], total: 0 });
		expect(await runTest({ apiKey: API_KEY, baseUrl: 'https://proxy.example.test///' })).toEqual({
			status: 'OK',
			message: 'Connection successful!',
		});
		scope.done();
	});

	it('a wrong key (401) reads "Fiwano rejected the API key…" with the API detail', async () => {
		const scope = channels().reply(401, { detail: 'Invalid API key' });
		expect(await runTest({ apiKey: API_KEY, baseUrl: 'https://fiwano.com' })).toEqual({
			status: 'Error',
			message: `${REJECTED} (Fiwano: Invalid API key)`,
		});
		scope.done();
	});

	it('a 401 without a body, and a 403, read the same', async () => {
		channels().reply(401, '');
		expect(await runTest({ apiKey: API_KEY })).toEqual({ status: 'Error', message: REJECTED });
		channels().reply(403, { detail: { message: 'Key revoked' } });
		expect(await runTest({ apiKey: API_KEY })).toEqual({
			status: 'Error',
			message: `${REJECTED} (Fiwano: Key revoked)`,
		});
	});

	it('an ended trial or subscription (402) reads the billing text', async () => {
		const scope = channels().reply(402, { detail: 'Trial ended' });
		expect(await runTest({ apiKey: API_KEY, baseUrl: 'https://fiwano.com' })).toEqual({
			status: 'Error',
			message: `${BILLING} (Fiwano: Trial ended)`,
		});
		scope.done();
	});

	it('a Base URL that is not the API (404), another status, an unreachable host', async () => {
		nock('https://fiwano.com').get('/api/v1/api/v1/channels').reply(404, 'Not Found');
		expect(await runTest({ apiKey: API_KEY, baseUrl: 'https://fiwano.com/api/v1' })).toEqual({
			status: 'Error',
			message:
				'No Fiwano API at https://fiwano.com/api/v1 (HTTP 404). Set Base URL to https://fiwano.com, without /api/v1.',
		});
		channels().reply(503, { detail: 'Maintenance' });
		expect(await runTest({ apiKey: API_KEY })).toEqual({
			status: 'Error',
			message: 'Fiwano answered HTTP 503. Try again later. (Fiwano: Maintenance)',
		});
		// A closed loopback port: a real connection refusal, no network.
		const down = await runTest({ apiKey: API_KEY, baseUrl: 'http://127.0.0.1:9' });
		expect(down).toEqual({
			status: 'Error',
			message:
				'Could not reach Fiwano at http://127.0.0.1:9 (ECONNREFUSED). Check the Base URL of the credential.',
		});
	});

	it('an empty key is refused without a request, and no message repeats the key', async () => {
		const anything = nock(/.*/).get(/.*/).reply(200, {});
		expect(await runTest({ apiKey: '  ', baseUrl: 'https://fiwano.com' })).toEqual({
			status: 'Error',
			message: 'Enter the API Key from the API Keys page of the Fiwano portal.',
		});
		expect(anything.isDone()).toBe(false);
		nock.cleanAll();
		channels().reply(401, { detail: `Unknown key ${API_KEY.slice(0, 8)}` });
		expect((await runTest({ apiKey: API_KEY })).message).not.toContain(API_KEY);
	});
});
