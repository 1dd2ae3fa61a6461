/** The contract comparison, proved able to fail on every kind of breaking change. */
import { readBaseline } from './baseline-io';
import { findBreakingChanges } from './compare';
import type { Contract } from './extract';
import { contractOf, fakeNode, legacy } from './fake-node';

// The committed baseline is a real contract (fiwano@3, fiwanoTrigger@2, fiwanoApi) that these
// tests mutate; reading it instead of loading the nodes keeps this file fast.
const current = (): Contract => readBaseline() as Contract;
const copy = (contract: Contract): Contract => JSON.parse(JSON.stringify(contract)) as Contract;

describe('extraction per node version', () => {
	it('evaluates @version (lists, conditions, hide) for each version a class declares', () => {
		const { nodes } = contractOf(legacy);
		expect(Object.keys(nodes)).toEqual(['x@1', 'x@2']);
		const at = (version: number, key: string) => nodes[`x@${version}`].parameters[key];
		expect(at(1, 'resource=message|operation=*|errorOnSendFailure')).toEqual({
			type: 'boolean',
			default: false,
		});
		expect(at(2, 'resource=message|operation=*|errorOnSendFailure')).toEqual({
			type: 'boolean',
			default: true,
		});
		expect(at(1, 'resource=*|operation=*|since2')).toBeUndefined();
		expect(at(2, 'resource=*|operation=*|since2')).toEqual({ type: 'string', default: 'v2' });
		expect(at(1, 'resource=*|operation=*|until1')).toEqual({ type: 'number', default: 1 });
		expect(at(2, 'resource=*|operation=*|until1')).toBeUndefined();
		expect(nodes['x@1'].credentials).toEqual({ xApi: { required: false } });
	});

	it('records disagreeing defaults of one key as alternatives', () => {
		const twice = fakeNode([
			{ displayName: 'A', name: 'a', type: 'string', default: 'b' },
			{ displayName: 'A', name: 'a', type: 'string', default: 'a' },
		]);
		expect(contractOf(twice).nodes['x@1'].parameters['resource=*|operation=*|a']).toEqual({
			type: 'string',
			defaultAlternatives: ['a', 'b'],
		});
	});
});

describe('contract comparison (proves the gate can fail)', () => {
	it('reports nothing for an identical contract', () => {
		expect(findBreakingChanges(current(), current())).toEqual([]);
		expect(findBreakingChanges(contractOf(legacy), contractOf(legacy))).toEqual([]);
	});

	it('reports a removed option value, also inside a collection', () => {
		const changed = copy(current());
		const { parameters } = changed.nodes['fiwano@3'];
		const channelOperation = parameters['resource=channel|operation=*|operation'];
		channelOperation.options = channelOperation.options!.filter((value) => value !== 'delete');
		parameters['resource=template|operation=getAll|filters>status'].options = ['APPROVED'];
		expect(findBreakingChanges(current(), changed)).toEqual([
			'node fiwano@3: parameter resource=channel|operation=*|operation lost option value(s) "delete"',
			'node fiwano@3: parameter resource=template|operation=getAll|filters>status lost option value(s) "PENDING", "REJECTED"',
		]);
	});

	it('reports a renamed parameter and a parameter no longer shown for an operation', () => {
		const changed = copy(current());
		const { parameters } = changed.nodes['fiwano@3'];
		parameters['resource=redirect|operation=add|uriPatternRenamed'] =
			parameters['resource=redirect|operation=add|uriPattern'];
		delete parameters['resource=redirect|operation=add|uriPattern'];
		delete parameters['resource=channel|operation=delete|channelId'];
		expect(findBreakingChanges(current(), changed)).toEqual([
			'node fiwano@3: parameter resource=channel|operation=delete|channelId was removed or renamed',
			'node fiwano@3: parameter resource=redirect|operation=add|uriPattern was removed or renamed',
		]);
	});

	it('reports a parameter missing from one version only', () => {
		const changed = contractOf(legacy);
		delete changed.nodes['x@1'].parameters['resource=message|operation=*|errorOnSendFailure'];
		expect(findBreakingChanges(contractOf(legacy), changed)).toEqual([
			'node x@1: parameter resource=message|operation=*|errorOnSendFailure was removed or renamed',
		]);
	});

	it('reports a changed default: top level, nested, per version, credential field', () => {
		const changed = copy(current());
		const { parameters } = changed.nodes['fiwano@3'];
		parameters['resource=*|operation=*|resource'].default = 'channel';
		parameters['resource=channel|operation=getAll|filters>activeOnly'].default = 'yes';
		changed.credentials.fiwanoApi.fields.baseUrl.default = 'https://example.com';
		const before = current().nodes['fiwano@3'].parameters;
		expect(findBreakingChanges(current(), changed)).toEqual([
			'node fiwano@3: parameter resource=*|operation=*|resource changed default from "message" to "channel"',
			`node fiwano@3: parameter resource=channel|operation=getAll|filters>activeOnly changed default from ${JSON.stringify(before['resource=channel|operation=getAll|filters>activeOnly'].default)} to "yes"`,
			'credential fiwanoApi: field baseUrl changed default from "https://fiwano.com" to "https://example.com"',
		]);
		// The vendor's version 2 flipped errorOnSendFailure's default: as a change of version 1 it breaks.
		const flipped = contractOf(legacy);
		flipped.nodes['x@1'].parameters['resource=message|operation=*|errorOnSendFailure'].default =
			true;
		expect(findBreakingChanges(contractOf(legacy), flipped)).toEqual([
			'node x@1: parameter resource=message|operation=*|errorOnSendFailure changed default from false to true',
		]);
	});

	it('reports a credential becoming required, a newly required and a removed credential', () => {
		const optional = contractOf(legacy);
		const required = contractOf(fakeNode(legacy.description.properties, [1, 2], true));
		expect(findBreakingChanges(optional, required)).toEqual([
			'node x@1: credential xApi became required (was optional)',
			'node x@2: credential xApi became required (was optional)',
		]);
		expect(findBreakingChanges(required, optional)).toEqual([]);
		const none = copy(optional);
		none.nodes['x@1'].credentials = {};
		expect(findBreakingChanges(none, required)).toEqual([
			'node x@1: credential xApi is now required (the node had no such credential)',
			'node x@2: credential xApi became required (was optional)',
		]);
		expect(findBreakingChanges(none, optional)).toEqual([]);
		expect(findBreakingChanges(optional, none)).toEqual(['node x@1: credential xApi removed']);
	});

	it('reports a removed version, node, type, locator mode and credential field', () => {
		const ours = current();
		const changed = copy(ours);
		const { parameters } = changed.nodes['fiwano@3'];
		parameters['resource=template|operation=delete|allLanguages'].type = 'string';
		parameters['resource=channel|operation=get|channelId'].options = ['id'];
		changed.nodes['fiwano@4'] = changed.nodes['fiwano@3'];
		delete changed.nodes['fiwano@3'];
		for (const key of Object.keys(changed.nodes)) {
			if (key.startsWith('fiwanoTrigger@')) delete changed.nodes[key];
		}
		delete changed.credentials.fiwanoApi.fields.webhookSecret;
		changed.credentials.fiwanoApi.fields.baseUrl.type = 'options';
		expect(findBreakingChanges(ours, changed)).toEqual([
			'node fiwano: version 3 is not declared (declared: 4)',
			'node fiwanoTrigger was removed or renamed (version 2 missing)',
			'credential fiwanoApi: field baseUrl changed type from string to options',
			'credential fiwanoApi: field webhookSecret was removed or renamed',
		]);
		const moved = copy(current());
		moved.nodes['fiwano@3'] = changed.nodes['fiwano@4'];
		expect(findBreakingChanges(current(), moved)).toEqual([
			'node fiwano@3: parameter resource=channel|operation=get|channelId lost option value(s) "list"',
			'node fiwano@3: parameter resource=template|operation=delete|allLanguages changed type from boolean to string',
		]);
		const renamedCredential = copy(current());
		renamedCredential.credentials = { fiwanoApiV2: renamedCredential.credentials.fiwanoApi };
		expect(findBreakingChanges(current(), renamedCredential)).toEqual([
			'credential fiwanoApi was removed or renamed',
		]);
	});

	it('accepts additions: parameters, option values, operations, versions, nodes and fields', () => {
		const changed = copy(current());
		const { parameters } = changed.nodes['fiwano@3'];
		parameters['resource=message|operation=sendText|newOption'] = {
			type: 'boolean',
			default: false,
		};
		parameters['resource=channel|operation=*|operation'].options!.push('archive');
		parameters['resource=channel|operation=archive|channelId'] = {
			type: 'resourceLocator',
			options: ['id', 'list', 'url'],
		};
		changed.nodes['fiwano@4'] = changed.nodes['fiwano@3'];
		changed.nodes['fiwanoExtra@1'] = { displayName: 'Extra', credentials: {}, parameters: {} };
		changed.credentials.fiwanoApi.fields.region = {
			type: 'options',
			options: ['eu'],
			default: 'eu',
		};
		expect(findBreakingChanges(current(), changed)).toEqual([]);
	});

	it('matches a parameter shown for every operation with one shown for each, both ways', () => {
		const everyOperation = contractOf(legacy);
		const eachOperation = copy(everyOperation);
		const { parameters } = eachOperation.nodes['x@1'];
		for (const op of ['send', 'sendMedia']) {
			parameters[`resource=message|operation=${op}|channelId`] =
				parameters['resource=message|operation=*|channelId'];
		}
		delete parameters['resource=message|operation=*|channelId'];
		expect(findBreakingChanges(everyOperation, eachOperation)).toEqual([]);
		expect(findBreakingChanges(eachOperation, everyOperation)).toEqual([]);
		delete parameters['resource=message|operation=sendMedia|channelId'];
		expect(findBreakingChanges(everyOperation, eachOperation)).toEqual([
			'node x@1: parameter resource=message|operation=*|channelId was removed or renamed',
		]);
	});

	it('a parameter shown for one more operation is an addition, for one fewer a removal', () => {
		const base = { resource: ['channel'], operation: ['get', 'update'] };
		const contractFor = (operations: string[]): Contract =>
			contractOf(
				fakeNode([
					{ displayName: 'Notice', name: 'notice', type: 'notice', default: '' },
					{
						displayName: 'Id',
						name: 'id',
						type: 'string',
						default: '',
						displayOptions: { show: { ...base, operation: operations } },
					},
					{
						displayName: 'Id',
						name: 'id',
						type: 'number',
						default: 0,
						displayOptions: { show: base },
					},
				]),
			);
		const before = contractFor(['get', 'update']);
		expect(before.nodes['x@2'].parameters).toEqual({
			'resource=channel|operation=get|id': { type: 'number|string', defaultAlternatives: ['', 0] },
			'resource=channel|operation=update|id': {
				type: 'number|string',
				defaultAlternatives: ['', 0],
			},
		});
		expect(findBreakingChanges(before, contractFor(['get', 'update', 'delete']))).toEqual([]);
		expect(findBreakingChanges(contractFor(['get', 'update', 'delete']), before)).toEqual([
			'node x@1: parameter resource=channel|operation=delete|id was removed or renamed',
			'node x@2: parameter resource=channel|operation=delete|id was removed or renamed',
		]);
	});
});
