/**
 * Public-contract gate. n8n identifies a saved node by type, typeVersion, parameter names and
 * option values, and saves only parameters that differ from their default, so every node
 * version's names, types, option values, defaults and credentials are checked against two
 * baselines. Removals, renames, type changes, lost option values, changed defaults and a
 * credential becoming required fail; additions pass.
 *
 * - test/contract/baseline.json: this package's own versions (fiwano@3, fiwanoTrigger@2 and
 *   any later one). After an intended, non-breaking change rewrite it from code and commit it:
 *     UPDATE_CONTRACT=1 node --experimental-vm-modules node_modules/jest/bin/jest.js test/contract
 * - test/contract/published-baseline.json: the vendor's published versions (fiwano@1,
 *   fiwano@2, fiwanoTrigger@1), written BY HAND from the published-node contract document.
 *   UPDATE_CONTRACT never touches it and nothing may regenerate it from our code: it is the
 *   independent check that the legacy versions load saved vendor workflows unchanged.
 */
import { FiwanoApi } from '../../credentials/FiwanoApi.credentials';
import { Fiwano } from '../../nodes/Fiwano/Fiwano.node';
import { FiwanoTrigger } from '../../nodes/FiwanoTrigger/FiwanoTrigger.node';
import {
	BASELINE_PATH,
	PUBLISHED_BASELINE_PATH,
	readBaseline,
	readPublishedBaseline,
	shouldUpdateBaseline,
	writeBaseline,
} from './baseline-io';
import { findBreakingChanges } from './compare';
import { extractContract } from './extract';
import type { Contract } from './extract';

const current = (): Contract =>
	extractContract([new Fiwano(), new FiwanoTrigger()], [new FiwanoApi()]);

const published = (): Contract => {
	const baseline = readPublishedBaseline() as Contract | undefined;
	if (!baseline)
		throw new Error('test/contract/published-baseline.json is missing: restore it from git');
	return baseline;
};

/** The versions baseline.json covers: everything the published baseline does not own. */
const ownVersions = (contract: Contract): Contract => {
	const publishedKeys = Object.keys(published().nodes);
	return {
		nodes: Object.fromEntries(
			Object.entries(contract.nodes).filter(([key]) => !publishedKeys.includes(key)),
		),
		credentials: contract.credentials,
	};
};

describe('public contract', () => {
	it('has no breaking change against baseline.json (this package’s versions)', () => {
		const contract = ownVersions(current());
		if (shouldUpdateBaseline()) writeBaseline(contract);
		const baseline = readBaseline() as Contract | undefined;
		if (!baseline) {
			throw new Error(
				'test/contract/baseline.json is missing: run with UPDATE_CONTRACT=1 to create it, then commit it',
			);
		}
		expect(findBreakingChanges(baseline, contract)).toEqual([]);
	});

	it('has no breaking change against the hand-written published vendor contract', () => {
		// A legacy version not registered in the entry file shows up here as
		// "node fiwano: version 1 is not declared (declared: 3)".
		expect(findBreakingChanges(published(), current())).toEqual([]);
	});

	it('the published check fails on drift in a legacy version or a missing one', () => {
		const drifted = JSON.parse(JSON.stringify(published())) as Contract;
		drifted.nodes['fiwano@2'].parameters[
			'resource=message|operation=*|errorOnSendFailure'
		].default = false;
		drifted.nodes['fiwanoTrigger@1'].credentials.fiwanoApi.required = false;
		const code = current();
		code.nodes['fiwanoTrigger@1'].credentials.fiwanoApi.required = true;
		delete code.nodes['fiwano@1'];
		expect(findBreakingChanges(drifted, code)).toEqual([
			'node fiwano: version 1 is not declared (declared: 2, 3)',
			'node fiwano@2: parameter resource=message|operation=*|errorOnSendFailure changed default from false to true',
			'node fiwanoTrigger@1: credential fiwanoApi became required (was optional)',
		]);
	});

	it('keeps the two baselines apart: UPDATE_CONTRACT writes only baseline.json', () => {
		expect(BASELINE_PATH).not.toEqual(PUBLISHED_BASELINE_PATH);
		expect(Object.keys(published().nodes).sort()).toEqual([
			'fiwano@1',
			'fiwano@2',
			'fiwanoTrigger@1',
		]);
		const own = Object.keys((readBaseline() as Contract).nodes).sort();
		expect(own).toEqual(['fiwano@3', 'fiwanoTrigger@2']);
		expect(Object.keys(ownVersions(current()).nodes)).not.toContain('fiwano@1');
	});

	it('names the source of every hand-written published entry', () => {
		const { nodes, credentials } = published();
		const entries = [
			...Object.values(nodes).flatMap((node) => [node, ...Object.values(node.parameters)]),
			...Object.values(credentials).flatMap((cred) => [cred, ...Object.values(cred.fields)]),
		];
		expect(entries.filter((entry) => !entry._source?.startsWith('doc §'))).toEqual([]);
	});

	it('extracts every version with defaults, credentials with their required flag', () => {
		const contract = current();
		expect(Object.keys(contract.nodes)).toEqual(
			expect.arrayContaining(['fiwano@3', 'fiwanoTrigger@2']),
		);
		const fiwano = contract.nodes['fiwano@3'];
		expect(fiwano.credentials).toEqual({ fiwanoApi: { required: true } });
		expect(fiwano.parameters['resource=*|operation=*|resource']).toEqual({
			type: 'options',
			options: expect.arrayContaining(['channel', 'contact', 'media', 'message', 'redirect']),
			default: 'message',
		});
		expect(fiwano.parameters['resource=channel|operation=get|channelId']).toEqual({
			type: 'resourceLocator',
			options: ['id', 'list'],
			default: { mode: 'list', value: '' },
		});
		// Nested collection options and defaults are part of the contract too.
		expect(fiwano.parameters['resource=template|operation=getAll|filters>status']).toMatchObject({
			type: 'options',
			options: ['APPROVED', 'PENDING', 'REJECTED'],
		});
		expect(
			fiwano.parameters['resource=channel|operation=update|updateFields>webhookEvents'].options,
		).toContain('message.failed');
		// fixedCollection groups and their values (the trigger's channel list).
		const trigger = contract.nodes['fiwanoTrigger@2'].parameters;
		expect(trigger['resource=*|operation=*|channelIds']).toMatchObject({
			type: 'fixedCollection',
			options: ['channel'],
		});
		expect(trigger['resource=*|operation=*|channelIds>channel>channelId']).toMatchObject({
			type: 'resourceLocator',
			options: ['id', 'list'],
		});
		expect(Object.keys(contract.credentials)).toEqual(['fiwanoApi']);
		expect(contract.credentials.fiwanoApi.fields).toEqual({
			apiKey: { type: 'string', default: '' },
			baseUrl: { type: 'string', default: 'https://fiwano.com' },
			webhookSecret: { type: 'string', default: '' },
		});
	});
});
