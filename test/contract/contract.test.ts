/**
 * Public-contract gate: node names, versions, credentials, parameter names/types and option
 * values are compared with the committed test/contract/baseline.json. Removing or renaming any
 * of them (which breaks saved workflows) fails; additions pass.
 *
 * After an intended, non-breaking addition, or a deliberate breaking change shipped as a new
 * node version, rewrite the baseline and commit it with the change:
 *   UPDATE_CONTRACT=1 node --experimental-vm-modules node_modules/jest/bin/jest.js test/contract
 */
import { FiwanoApi } from '../../credentials/FiwanoApi.credentials';
import { Fiwano } from '../../nodes/Fiwano/Fiwano.node';
import { FiwanoTrigger } from '../../nodes/FiwanoTrigger/FiwanoTrigger.node';
import { readBaseline, shouldUpdateBaseline, writeBaseline } from './baseline-io';
import { extractContract, findBreakingChanges } from './extract';
import type { Contract } from './extract';

const current = (): Contract =>
	extractContract(
		[new Fiwano().getNodeType(3), new FiwanoTrigger().getNodeType(2)],
		[new FiwanoApi()],
	);
const copy = (contract: Contract): Contract => JSON.parse(JSON.stringify(contract)) as Contract;

describe('public contract', () => {
	it('has no breaking change against the committed baseline', () => {
		const contract = current();
		if (shouldUpdateBaseline()) writeBaseline(contract);
		const baseline = readBaseline() as Contract | undefined;
		if (!baseline) {
			throw new Error(
				'test/contract/baseline.json is missing: run with UPDATE_CONTRACT=1 to create it, then commit it',
			);
		}
		expect(findBreakingChanges(baseline, contract)).toEqual([]);
	});

	it('extracts both nodes and the credential', () => {
		const contract = current();
		expect(Object.keys(contract.nodes).sort()).toEqual(['fiwano', 'fiwanoTrigger']);
		expect(contract.nodes.fiwano.versions).toEqual([3]);
		expect(contract.nodes.fiwano.credentials).toEqual(['fiwanoApi']);
		expect(Object.keys(contract.credentials)).toEqual(['fiwanoApi']);
		expect(contract.credentials.fiwanoApi.fields).toEqual({
			apiKey: { type: 'string' },
			baseUrl: { type: 'string' },
			webhookSecret: { type: 'string' },
		});
		const { parameters } = contract.nodes.fiwano;
		expect(parameters['resource=*|operation=*|resource']).toEqual({
			type: 'options',
			options: ['channel', 'contact', 'media', 'message', 'redirect', 'template'],
		});
		expect(parameters['resource=channel|operation=*|operation'].options).toEqual([
			'delete',
			'exchangeOAuthCode',
			'generateOAuthUrl',
			'get',
			'getAll',
			'update',
		]);
		expect(parameters['resource=channel|operation=get|channelId']).toEqual({
			type: 'resourceLocator',
			options: ['id', 'list'],
		});
		// Nested collection options are part of the contract too.
		expect(parameters['resource=template|operation=getAll|filters>status']).toEqual({
			type: 'options',
			options: ['APPROVED', 'PENDING', 'REJECTED'],
		});
		expect(
			parameters['resource=channel|operation=update|updateFields>webhookEvents'].options,
		).toContain('message.failed');
		// fixedCollection groups and their values (the trigger's channel list).
		const trigger = contract.nodes.fiwanoTrigger.parameters;
		expect(trigger['resource=*|operation=*|channelIds']).toEqual({
			type: 'fixedCollection',
			options: ['channel'],
		});
		expect(trigger['resource=*|operation=*|channelIds>channel>channelId']).toEqual({
			type: 'resourceLocator',
			options: ['id', 'list'],
		});
	});
});

describe('contract comparison (proves the gate can fail)', () => {
	it('reports nothing for an identical contract', () => {
		expect(findBreakingChanges(current(), current())).toEqual([]);
	});

	it('reports a removed option value, also inside a collection', () => {
		const changed = copy(current());
		const operation = changed.nodes.fiwano.parameters['resource=channel|operation=*|operation'];
		operation.options = operation.options!.filter((value) => value !== 'delete');
		const status =
			changed.nodes.fiwano.parameters['resource=template|operation=getAll|filters>status'];
		status.options = ['APPROVED'];
		expect(findBreakingChanges(current(), changed)).toEqual([
			'node fiwano: parameter resource=channel|operation=*|operation lost option value(s) delete',
			'node fiwano: parameter resource=template|operation=getAll|filters>status lost option value(s) PENDING, REJECTED',
		]);
	});

	it('reports a renamed parameter and a parameter no longer shown for an operation', () => {
		const changed = copy(current());
		const { parameters } = changed.nodes.fiwano;
		parameters['resource=redirect|operation=add|uriPatternRenamed'] =
			parameters['resource=redirect|operation=add|uriPattern'];
		delete parameters['resource=redirect|operation=add|uriPattern'];
		delete parameters['resource=channel|operation=delete|channelId'];
		expect(findBreakingChanges(current(), changed)).toEqual([
			'node fiwano: parameter resource=channel|operation=delete|channelId was removed or renamed',
			'node fiwano: parameter resource=redirect|operation=add|uriPattern was removed or renamed',
		]);
	});

	it('reports a changed type, a removed resource locator mode, version, node and credential field', () => {
		const changed = copy(current());
		changed.nodes.fiwano.parameters['resource=template|operation=delete|allLanguages'].type =
			'string';
		changed.nodes.fiwano.parameters['resource=channel|operation=get|channelId'].options = ['id'];
		changed.nodes.fiwano.versions = [2];
		changed.nodes.fiwano.credentials = [];
		delete changed.nodes.fiwanoTrigger;
		delete changed.credentials.fiwanoApi.fields.webhookSecret;
		changed.credentials.fiwanoApi.fields.baseUrl.type = 'options';
		expect(findBreakingChanges(current(), changed)).toEqual([
			'node fiwano: version(s) 3 removed',
			'node fiwano: credential(s) fiwanoApi removed',
			'node fiwano: parameter resource=channel|operation=get|channelId lost option value(s) list',
			'node fiwano: parameter resource=template|operation=delete|allLanguages changed type from boolean to string',
			'node fiwanoTrigger was removed or renamed',
			'credential fiwanoApi: field baseUrl changed type from string to options',
			'credential fiwanoApi: field webhookSecret was removed or renamed',
		]);
		const renamedCredential = copy(current());
		renamedCredential.credentials = {
			fiwanoApiV2: renamedCredential.credentials.fiwanoApi,
		};
		expect(findBreakingChanges(current(), renamedCredential)).toEqual([
			'credential fiwanoApi was removed or renamed',
		]);
	});

	it('accepts additions: parameters, option values, operations, versions, nodes and fields', () => {
		const changed = copy(current());
		const { parameters } = changed.nodes.fiwano;
		parameters['resource=message|operation=sendText|newOption'] = {
			type: 'boolean',
		};
		parameters['resource=channel|operation=*|operation'].options!.push('archive');
		parameters['resource=channel|operation=archive|channelId'] = {
			type: 'resourceLocator',
			options: ['id', 'list', 'url'],
		};
		changed.nodes.fiwano.versions.push(2);
		changed.nodes.fiwanoExtra = {
			displayName: 'Extra',
			versions: [1],
			credentials: [],
			parameters: {},
		};
		changed.credentials.fiwanoApi.fields.region = {
			type: 'options',
			options: ['eu'],
		};
		expect(findBreakingChanges(current(), changed)).toEqual([]);
	});

	it('a parameter shown for one more operation is an addition, for one fewer a removal', () => {
		const base = { resource: ['channel'], operation: ['get', 'update'] };
		const contractFor = (operation: string[]): Contract =>
			extractContract(
				[
					{
						description: {
							displayName: 'X',
							name: 'x',
							group: [],
							version: [1, 2],
							description: '',
							defaults: {},
							inputs: [],
							outputs: [],
							properties: [
								{
									displayName: 'Notice',
									name: 'notice',
									type: 'notice',
									default: '',
								},
								{
									displayName: 'Id',
									name: 'id',
									type: 'string',
									default: '',
									displayOptions: { show: { ...base, operation } },
								},
								{
									displayName: 'Id',
									name: 'id',
									type: 'number',
									default: 0,
									displayOptions: { show: base },
								},
							],
						},
					},
				],
				[],
			);
		const before = contractFor(['get', 'update']);
		expect(before.nodes.x.versions).toEqual([1, 2]);
		expect(before.nodes.x.parameters).toEqual({
			'resource=channel|operation=get|id': { type: 'number|string' },
			'resource=channel|operation=update|id': { type: 'number|string' },
		});
		expect(findBreakingChanges(before, contractFor(['get', 'update', 'delete']))).toEqual([]);
		expect(findBreakingChanges(contractFor(['get', 'update', 'delete']), before)).toEqual([
			'node x: parameter resource=channel|operation=delete|id was removed or renamed',
		]);
	});
});
