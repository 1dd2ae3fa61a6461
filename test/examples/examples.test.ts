import { NodeHelpers } from 'n8n-workflow';
import type {
	INode,
	INodeParameters,
	INodeProperties,
	INodePropertyCollection,
	INodeTypeDescription,
	NodeParameterValueType,
} from 'n8n-workflow';

import { fiwanoNode, fiwanoTriggerNode } from '../helpers/node-types';
import { loadExamples } from './load-examples';

const PACKAGE = 'n8n-nodes-fiwano';
const fiwano = fiwanoNode().description;
const trigger = fiwanoTriggerNode().description;

/** What n8n adds to a node used as an AI tool (convertNodeToAiTool). */
const toolProperties: INodeProperties[] = [
	{
		displayName: 'Description',
		name: 'descriptionType',
		type: 'options',
		default: 'auto',
		options: [
			{ name: 'Set Automatically', value: 'auto' },
			{ name: 'Set Manually', value: 'manual' },
		],
	},
	{ displayName: 'Description', name: 'toolDescription', type: 'string', default: '' },
];

const descriptions: Record<string, INodeTypeDescription> = {
	[`${PACKAGE}.fiwano`]: fiwano,
	[`${PACKAGE}.fiwanoTrigger`]: trigger,
	[`${PACKAGE}.fiwanoTool`]: { ...fiwano, name: 'fiwanoTool', properties: [...toolProperties, ...fiwano.properties] },
};

/** Node types of other packages the examples may use (n8n 2.41.1 ships them). */
const knownOtherTypes = new Set([
	'n8n-nodes-base.stickyNote',
	'n8n-nodes-base.manualTrigger',
	'n8n-nodes-base.webhook',
	'n8n-nodes-base.if',
	'n8n-nodes-base.set',
	'n8n-nodes-base.noOp',
	'n8n-nodes-base.dataTable',
	'@n8n/n8n-nodes-langchain.agent',
	'@n8n/n8n-nodes-langchain.lmChatOpenAi',
	'@n8n/n8n-nodes-langchain.openAi',
]);

const isExpression = (value: unknown) => typeof value === 'string' && value.startsWith('=');

type Value = NodeParameterValueType | INodeParameters;

/** Problems with one parameter value against its property, as readable strings. */
function checkValue(property: INodeProperties, value: Value, path: string): string[] {
	const problems: string[] = [];
	if (isExpression(value)) return problems;
	const allowed = (property.options ?? []).map((o) => (o as { value?: unknown }).value);
	switch (property.type) {
		case 'options':
			if (!allowed.includes(value)) problems.push(`${path}: "${String(value)}" is not one of ${allowed.join(', ')}`);
			break;
		case 'multiOptions':
			if (!Array.isArray(value)) problems.push(`${path}: must be a list`);
			else
				for (const v of value)
					if (!isExpression(v) && !allowed.includes(v as string)) problems.push(`${path}: "${String(v)}" is not one of ${allowed.join(', ')}`);
			break;
		case 'boolean':
			if (typeof value !== 'boolean') problems.push(`${path}: must be a boolean`);
			break;
		case 'number':
			if (typeof value !== 'number') problems.push(`${path}: must be a number`);
			break;
		case 'string':
		case 'json':
			if (typeof value !== 'string') problems.push(`${path}: must be a string`);
			break;
		case 'resourceLocator': {
			const locator = value as INodeParameters;
			const modes = (property.modes ?? []).map((m) => m.name);
			if (!locator || typeof locator !== 'object' || !modes.includes(String(locator.mode)))
				problems.push(`${path}: mode must be one of ${modes.join(', ')}`);
			break;
		}
		case 'collection': {
			const options = (property.options ?? []) as INodeProperties[];
			for (const [key, sub] of Object.entries((value ?? {}) as INodeParameters)) {
				const option = options.find((o) => o.name === key);
				if (!option) problems.push(`${path}.${key}: no such option`);
				else problems.push(...checkValue(option, sub, `${path}.${key}`));
			}
			break;
		}
		case 'fixedCollection': {
			const groups = (property.options ?? []) as INodePropertyCollection[];
			for (const [key, entries] of Object.entries((value ?? {}) as INodeParameters)) {
				const group = groups.find((g) => g.name === key);
				if (!group) {
					problems.push(`${path}.${key}: no such group`);
					continue;
				}
				const list = Array.isArray(entries) ? entries : [entries];
				for (const entry of list as INodeParameters[])
					for (const [field, sub] of Object.entries(entry)) {
						const prop = group.values.find((v) => v.name === field);
						if (!prop) problems.push(`${path}.${key}.${field}: no such field`);
						else problems.push(...checkValue(prop, sub, `${path}.${key}.${field}`));
					}
			}
			break;
		}
		default:
			break;
	}
	return problems;
}

/** Every problem of one Fiwano node: unknown or hidden parameters, invalid values, credentials. */
function checkFiwanoNode(node: INode): string[] {
	const description = descriptions[node.type];
	if (!description) return [`unknown type ${node.type}`];
	const problems: string[] = [];
	if (node.typeVersion !== description.version) problems.push(`typeVersion ${node.typeVersion} is not ${String(description.version)}`);
	const credential = (node.credentials ?? {}).fiwanoApi;
	if (!credential || !credential.name) problems.push('no fiwanoApi credential');
	if (Object.keys(node.credentials ?? {}).some((k) => k !== 'fiwanoApi')) problems.push('unexpected credential type');

	// The values n8n sees: saved parameters plus the defaults of everything displayed.
	const resolved =
		NodeHelpers.getNodeParameters(description.properties, node.parameters, true, false, node, description) ?? {};
	for (const [name, value] of Object.entries(node.parameters)) {
		const candidates = description.properties.filter((p) => p.name === name);
		if (!candidates.length) {
			problems.push(`${name}: no such parameter`);
			continue;
		}
		const shown = candidates.filter((p) => NodeHelpers.displayParameter(resolved, p, node, description));
		if (!shown.length) {
			problems.push(`${name}: not shown for this resource/operation`);
			continue;
		}
		// Several properties may share a name (one per operation); one displayed copy must accept the value.
		const results = shown.map((p) => checkValue(p, value, name));
		if (!results.some((r) => r.length === 0)) problems.push(...results[0]);
	}
	// Required parameters must be set (n8n would show a parameter issue).
	for (const property of description.properties) {
		if (!property.required || !NodeHelpers.displayParameter(resolved, property, node, description)) continue;
		const value = resolved[property.name];
		const empty =
			value === '' ||
			value === undefined ||
			(property.type === 'resourceLocator' && (value as INodeParameters).value === '');
		if (empty && !node.disabled) problems.push(`${property.name}: required but empty`);
	}
	return problems;
}

const examples = loadExamples();

describe('examples', () => {
	it('there are ten example workflows', () => {
		expect(examples.map((e) => e.file)).toHaveLength(10);
	});

	describe.each(examples.map((e) => [e.file, e.workflow] as const))('%s', (_file, workflow) => {
		it('is a workflow n8n can import', () => {
			expect(typeof workflow.name).toBe('string');
			expect(workflow.settings?.executionOrder).toBe('v1');
			const names = new Set(workflow.nodes.map((n) => n.name));
			expect(names.size).toBe(workflow.nodes.length);
			const ids = new Set(workflow.nodes.map((n) => n.id));
			expect(ids.size).toBe(workflow.nodes.length);
			for (const node of workflow.nodes) {
				expect(node.position).toHaveLength(2);
				expect(typeof node.typeVersion).toBe('number');
			}
			// Every connection joins existing nodes.
			for (const [from, byType] of Object.entries(workflow.connections)) {
				expect(names.has(from)).toBe(true);
				for (const outputs of Object.values(byType))
					for (const output of outputs ?? []) for (const c of output ?? []) expect(names.has(c.node)).toBe(true);
			}
		});

		it('uses only known node types and has a sticky note explaining setup', () => {
			for (const node of workflow.nodes)
				expect(descriptions[node.type] !== undefined || knownOtherTypes.has(node.type)).toBe(true);
			const notes = workflow.nodes.filter((n) => n.type === 'n8n-nodes-base.stickyNote');
			expect(notes.length).toBeGreaterThanOrEqual(1);
			expect(String(notes[0].parameters.content)).toMatch(/setup/i);
		});

		it('has Fiwano nodes whose parameters and option values match the node descriptions', () => {
			const fiwanoNodes = workflow.nodes.filter((n) => n.type.startsWith(`${PACKAGE}.`));
			expect(fiwanoNodes.length).toBeGreaterThan(0);
			const problems = fiwanoNodes.flatMap((n) => checkFiwanoNode(n).map((p) => `${n.name}: ${p}`));
			expect(problems).toEqual([]);
		});

		it('gives every trigger a webhook ID', () => {
			for (const node of workflow.nodes.filter((n) => n.type === `${PACKAGE}.fiwanoTrigger`))
				expect(node.webhookId).toMatch(/^[0-9a-f-]{36}$/);
		});
	});

	it('cover the issue list: echo bot, OAuth, templates, channels, messaging, AI tool, voice notes, statuses', () => {
		const ops = new Set<string>();
		for (const { workflow } of examples)
			for (const n of workflow.nodes.filter((x) => x.type.startsWith(`${PACKAGE}.`)))
				ops.add(`${String(n.parameters.resource ?? 'message')}:${String(n.parameters.operation ?? (n.type.endsWith('Trigger') ? 'trigger' : 'sendText'))}`);
		for (const op of [
			'contact:getProfile',
			'redirect:add',
			'channel:generateOAuthUrl',
			'channel:exchangeOAuthCode',
			'template:create',
			'template:getAll',
			'template:get',
			'template:delete',
			'message:sendTemplate',
			'message:sendText',
			'message:sendMedia',
			'channel:getAll',
			'channel:get',
			'channel:update',
		])
			expect([...ops]).toContain(op);
		const types = examples.flatMap((e) => e.workflow.nodes.map((n) => n.type));
		expect(types).toContain(`${PACKAGE}.fiwanoTool`);
		const voice = examples.find((e) => e.file === 'voice-note-transcription.json');
		const voiceTrigger = voice?.workflow.nodes.find((n) => n.type === `${PACKAGE}.fiwanoTrigger`);
		expect((voiceTrigger?.parameters.options as INodeParameters).downloadMedia).toBe(true);
	});
});

describe('example checker', () => {
	const base = { id: 'x', name: 'x', position: [0, 0] as [number, number], credentials: { fiwanoApi: { id: '1', name: 'Fiwano' } } };
	it('catches unknown parameters, hidden parameters, bad option values and missing credentials', () => {
		const node: INode = {
			...base,
			type: `${PACKAGE}.fiwano`,
			typeVersion: 3,
			parameters: {
				resource: 'channel',
				operation: 'getAll',
				bogus: 1,
				text: 'hidden here',
				filters: { channelTypes: ['telegram'], nope: true },
			},
		};
		const problems = checkFiwanoNode(node).join('\n');
		expect(problems).toMatch(/bogus: no such parameter/);
		expect(problems).toMatch(/text: not shown/);
		expect(problems).toMatch(/"telegram" is not one of/);
		expect(problems).toMatch(/filters.nope: no such option/);
		expect(checkFiwanoNode({ ...node, parameters: { resource: 'message', operation: 'sendText' }, credentials: {} }).join('\n')).toMatch(
			/no fiwanoApi credential[\s\S]*required but empty/,
		);
		expect(checkFiwanoNode({ ...node, type: `${PACKAGE}.fiwanoTrigger`, typeVersion: 2, parameters: { webhookSetup: 'sometimes' } })).toEqual([
			'webhookSetup: "sometimes" is not one of allChannels, selectedChannels, manual',
		]);
	});
});
