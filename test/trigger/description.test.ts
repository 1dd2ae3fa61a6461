import nock from 'nock';
import { NodeHelpers } from 'n8n-workflow';
import type {
	INode,
	INodeParameters,
	INodeProperties,
	INodePropertyCollection,
	INodePropertyOptions,
} from 'n8n-workflow';

import { fiwanoTriggerNode } from '../helpers/node-types';
import codex from '../../nodes/FiwanoTrigger/FiwanoTrigger.node.json';
import pkg from '../../package.json';
import { TRIGGER_API_KEY, TRIGGER_BASE_URL, TriggerHarness } from '../helpers/trigger-harness';

const { description } = fiwanoTriggerNode();
const property = (name: string) => description.properties.find((p) => p.name === name)!;
const values = (p: INodeProperties | INodePropertyCollection) =>
	((p as INodeProperties).options as INodePropertyOptions[]).map((o) => o.value);

describe('Fiwano Trigger description (the saved-workflow contract)', () => {
	it('is a webhook trigger registered in package.json with its codex', () => {
		expect(description).toMatchObject({
			name: 'fiwanoTrigger',
			displayName: 'Fiwano Trigger',
			group: ['trigger'],
			version: 2,
			inputs: [],
			outputs: ['main'],
			credentials: [{ name: 'fiwanoApi', required: true }],
			webhooks: [
				{ name: 'default', httpMethod: 'POST', responseMode: 'onReceived', path: 'webhook' },
			],
		});
		expect(pkg.n8n.nodes).toContain('dist/nodes/FiwanoTrigger/FiwanoTrigger.node.js');
		expect(codex).toMatchObject({
			node: 'n8n-nodes-fiwano.fiwanoTrigger',
			categories: ['Communication'],
		});
	});

	it('keeps parameter names and option values stable', () => {
		expect(description.properties.map((p) => p.name)).toEqual([
			'events',
			'webhookSetup',
			'manualNotice',
			'noChannelNotice',
			'channelIds',
			'secret',
			'noSecretNotice',
			'options',
		]);
		expect(property('events').default).toEqual(['message.received']);
		expect([...values(property('events'))].sort()).toEqual([
			'message.delivered',
			'message.echo',
			'message.failed',
			'message.read',
			'message.received',
			'message.sent',
		]);
		expect(values(property('webhookSetup'))).toEqual(['allChannels', 'selectedChannels', 'manual']);
		expect(property('webhookSetup').default).toBe('manual');
		const options = property('options').options as INodeProperties[];
		expect(options.map((o) => o.name)).toEqual([
			'allowUnsigned',
			'binaryPropertyName',
			'channels',
			'channelTypes',
			'downloadMedia',
			'messageTypes',
			'previousSecret',
			'takeOverChannels',
		]);
		expect(options.find((o) => o.name === 'allowUnsigned')!.default).toBe(false);
		expect(options.find((o) => o.name === 'allowUnsigned')!.description).toMatch(/Warning/);
		expect(options.find((o) => o.name === 'downloadMedia')!.default).toBe(false);
		expect(values(options.find((o) => o.name === 'channelTypes')!)).toEqual([
			'facebook',
			'instagram',
			'whatsapp',
		]);
		expect(values(options.find((o) => o.name === 'messageTypes')!)).toEqual([
			'text',
			'image',
			'audio',
			'voice',
			'video',
			'document',
			'sticker',
			'unsupported',
		]);
		const channelIds = property('channelIds').options as INodePropertyCollection[];
		expect(channelIds[0].name).toBe('channel');
		expect((channelIds[0].values[0] as INodeProperties).name).toBe('channelId');
	});

	it('shows the chosen events in the subtitle', () => {
		const harness = new TriggerHarness({ events: ['message.received', 'message.read'] });
		const subtitle = harness.workflow.expression.getSimpleParameterValue(
			harness.node,
			description.subtitle!,
			'internal',
			{},
		);
		expect(subtitle).toBe('message.received, message.read');
	});
});

describe('channel lists', () => {
	it('loads the channels for the Channels filter with the credential', async () => {
		nock(TRIGGER_BASE_URL)
			.get('/api/v1/channels')
			.matchHeader('x-api-key', TRIGGER_API_KEY)
			.reply(200, {
				channels: [
					{
						id: 'ig1',
						channel_type: 'instagram',
						name: 'shop',
						ig_username: 'shop',
						is_active: false,
					},
					{
						id: 'wa1',
						channel_type: 'whatsapp',
						name: 'My Business',
						phone_number: '+1234567890',
						is_active: true,
					},
				],
			});
		const options = await new TriggerHarness({}).loadOptions('getChannels');
		expect(options).toEqual([
			{ name: 'My Business · WhatsApp +1234567890', value: 'wa1' },
			{ name: 'shop · Instagram @shop (inactive)', value: 'ig1' },
		]);
	});

	it('reuses the action node list search for the channel locator', () => {
		const trigger = fiwanoTriggerNode();
		expect(Object.keys(trigger.methods.listSearch)).toEqual(['searchChannels']);
	});
});

/** The node as the editor holds it: saved parameters completed with the defaults of what shows. */
function editorNode(parameters: INodeParameters): INode {
	const node: INode = {
		id: 't',
		name: 'Fiwano Trigger',
		type: 'n8n-nodes-fiwano.fiwanoTrigger',
		typeVersion: 2,
		position: [0, 0],
		parameters: {},
	};
	node.parameters = NodeHelpers.getNodeParameters(
		description.properties,
		parameters,
		true,
		false,
		node,
		description,
	)!;
	return node;
}

/** Notices the node panel shows, as the editor decides (NodeHelpers.displayParameter). */
const notices = (parameters: INodeParameters) => {
	const node = editorNode(parameters);
	return description.properties
		.filter((p) => p.type === 'notice')
		.filter((p) => NodeHelpers.displayParameter(node.parameters, p, node, description))
		.map((p) => p.name);
};

/** Issues n8n puts on the canvas node and in the panel before publish (getNodeParametersIssues). */
const issues = (parameters: INodeParameters) =>
	NodeHelpers.getNodeParametersIssues(description.properties, editorNode(parameters), description)
		?.parameters ?? {};

const entry = (value: string) => ({ channelId: { __rl: true, mode: 'list', value } });

describe('mistakes shown before publish', () => {
	it('automatic setup for selected channels: a notice in the panel says a channel is needed', () => {
		expect(notices({ webhookSetup: 'selectedChannels' })).toEqual(['noChannelNotice']);
		expect(notices({ webhookSetup: 'selectedChannels', channelIds: { channel: [] } })).toEqual([
			'noChannelNotice',
		]);
		expect(notices({ webhookSetup: 'allChannels' })).toEqual([]);
		expect(property('noChannelNotice').displayName).toBe(
			'Add at least one channel below. Without one, publishing this workflow fails: automatic setup for selected channels only wires the channels listed here.',
		);
	});

	it('a channel entry left empty is a required-parameter issue (red on the canvas)', () => {
		expect(
			issues({ webhookSetup: 'selectedChannels', channelIds: { channel: [entry('')] } }),
		).toEqual({
			channelId: ['Parameter "Channel" is required.'],
		});
		expect(
			issues({ webhookSetup: 'selectedChannels', channelIds: { channel: [entry('wa1')] } }),
		).toEqual({});
		expect(issues({ webhookSetup: 'allChannels' })).toEqual({});
	});

	it('manual setup with no secret in the node: a notice', () => {
		expect(notices({})).toEqual(['manualNotice', 'noSecretNotice']);
		expect(notices({ webhookSetup: 'manual', secret: 'whsec_1' })).toEqual(['manualNotice']);
		// A secret given by expression is resolved only at run time; the notice may show then.
		expect(notices({ webhookSetup: 'allChannels' })).toEqual([]);
		expect(property('noSecretNotice').displayName).toMatch(
			/^No Webhook Secret in this node: unless the credential's Webhook Secret holds the channel's secret \(or the option Allow Unsigned Deliveries is on\), every delivery is refused \(401\)\./,
		);
	});

	it('display conditions name only top-level parameters with plain values (n8n 1.x cannot resolve nested paths)', () => {
		for (const prop of description.properties) {
			for (const side of ['show', 'hide'] as const) {
				for (const [key, values] of Object.entries(prop.displayOptions?.[side] ?? {})) {
					if (key === '@version') continue;
					expect({
						prop: prop.name,
						key,
						topLevel: description.properties.some((p) => p.name === key),
					}).toEqual({ prop: prop.name, key, topLevel: true });
					for (const value of values ?? [])
						expect(typeof value === 'object' && value !== null).toBe(false);
				}
			}
		}
	});
});
