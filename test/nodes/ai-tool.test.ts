import { deepCopy, NodeConnectionTypes, NodeHelpers } from 'n8n-workflow';
import type { INodeProperties, INodeTypeDescription } from 'n8n-workflow';

import { fiwanoNode } from '../helpers/node-types';

/**
 * What n8n does to a community node with `usableAsTool` when
 * N8N_COMMUNITY_PACKAGES_ALLOW_TOOL_USAGE is on (packages/cli, convertNodeToAiTool): a copy of
 * the description named `<name>Tool`, AI tool output, and Tool Description parameters.
 */
function toToolDescription(source: INodeTypeDescription): INodeTypeDescription {
	const description = deepCopy(source);
	description.name += 'Tool';
	description.displayName += ' Tool';
	description.inputs = [];
	description.outputs = [NodeConnectionTypes.AiTool];
	delete description.usableAsTool;
	const descriptionType: INodeProperties = {
		displayName: 'Tool Description',
		name: 'descriptionType',
		type: 'options',
		noDataExpression: true,
		options: [
			{
				name: 'Set Automatically',
				value: 'auto',
				description: 'Automatically set based on resource and operation',
			},
			{ name: 'Set Manually', value: 'manual', description: 'Manually set the description' },
		],
		default: 'auto',
	};
	const toolDescription: INodeProperties = {
		displayName: 'Description',
		name: 'toolDescription',
		type: 'string',
		default: description.description,
		required: true,
		typeOptions: { rows: 2 },
		displayOptions: { show: { descriptionType: ['manual'] } },
		description: 'Explain to the LLM what this tool does',
	};
	description.properties.splice(0, 0, descriptionType, toolDescription);
	return description;
}

const source = fiwanoNode().description;
const tool = toToolDescription(source);

/** Parameters shown for an operation, as the agent's node panel lists them. */
function shown(resource: string, operation: string): INodeProperties[] {
	const values = { resource, operation, descriptionType: 'auto', variablesMode: 'json' };
	return tool.properties.filter(
		(property) =>
			!['resource', 'operation', 'descriptionType'].includes(property.name) &&
			NodeHelpers.displayParameter(values, property, { typeVersion: 3 }, tool),
	);
}

const operations = (resource: string) =>
	(tool.properties.find(
		(p) => p.name === 'operation' && p.displayOptions?.show?.resource?.includes(resource),
	)?.options ?? []) as Array<{
		name: string;
		value: string;
		action?: string;
		description?: string;
	}>;

describe('Fiwano as an AI Agent tool', () => {
	it('is usable as a tool and becomes fiwanoTool with an AI tool output', () => {
		expect(source.usableAsTool).toBe(true);
		expect(tool.name).toBe('fiwanoTool');
		expect(tool.displayName).toBe('Fiwano Tool');
		expect(tool.outputs).toEqual([NodeConnectionTypes.AiTool]);
		expect(tool.properties.map((p) => p.name)).toEqual(
			expect.arrayContaining(['descriptionType', 'toolDescription']),
		);
	});

	it('names each message action so that the automatic tool description reads as English', () => {
		const send = operations('message');
		expect(send.map((o) => o.value).sort()).toEqual([
			'sendAndWait',
			'sendMedia',
			'sendTemplate',
			'sendText',
		]);
		for (const operation of send) {
			expect(operation.action).toMatch(/^Send /);
			expect((operation.description ?? '').length).toBeGreaterThan(40);
		}
		// With Description: Set Automatically, this is the tool description the model receives.
		expect(NodeHelpers.makeDescription({ resource: 'message', operation: 'sendText' }, tool)).toBe(
			'Send a text message in Fiwano',
		);
		expect(
			NodeHelpers.makeDescription({ resource: 'message', operation: 'sendTemplate' }, tool),
		).toBe('Send a template message in Fiwano');
		expect(
			NodeHelpers.makeDescription({ resource: 'message', operation: 'sendAndWait' }, tool),
		).toBe('Send a message and wait for response in Fiwano');
		expect(
			NodeHelpers.makeDescription({ resource: 'contact', operation: 'getProfile' }, tool),
		).toBe('Get a sender profile in Fiwano');
	});

	it.each([
		['message', 'sendText'],
		['message', 'sendMedia'],
		['message', 'sendTemplate'],
		['contact', 'getProfile'],
		['media', 'download'],
	])('gives every parameter of %s > %s a description', (resource, operation) => {
		const parameters = shown(resource, operation);
		expect(parameters.length).toBeGreaterThan(0);
		for (const parameter of parameters) {
			expect({
				name: parameter.name,
				described: (parameter.description ?? '').length > 15,
			}).toEqual({ name: parameter.name, described: true });
		}
	});

	// Parameter descriptions are for people in the node panel; a model sees only $fromAI keys (docs/ai-agent.md).
	it('tells people where the recipient, channel, text and variables come from', () => {
		const byName = (name: string, operation = 'sendText') =>
			shown('message', operation).find((p) => p.name === name)?.description ?? '';
		expect(byName('recipient')).toContain('data.from');
		expect(byName('channelId')).toContain('channel_id');
		expect(byName('text')).toContain('message text');
		expect(byName('template', 'sendTemplate')).toContain('APPROVED');
		expect(byName('variablesJson', 'sendTemplate')).toContain('"body"');
		expect(byName('mediaUrl', 'sendMedia')).toContain('HTTPS URL');
	});
});
