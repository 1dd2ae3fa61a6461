import nock from 'nock';
import type { INodeProperties, INodePropertyCollection, INodePropertyOptions } from 'n8n-workflow';

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
			webhooks: [{ name: 'default', httpMethod: 'POST', responseMode: 'onReceived', path: 'webhook' }],
		});
		expect(pkg.n8n.nodes).toContain('dist/nodes/FiwanoTrigger/FiwanoTrigger.node.js');
		expect(codex).toMatchObject({ node: 'n8n-nodes-fiwano.fiwanoTrigger', categories: ['Communication'] });
	});

	it('keeps parameter names and option values stable', () => {
		expect(description.properties.map((p) => p.name)).toEqual([
			'events',
			'webhookSetup',
			'manualNotice',
			'channelIds',
			'secret',
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
		expect(values(options.find((o) => o.name === 'channelTypes')!)).toEqual(['facebook', 'instagram', 'whatsapp']);
		expect(values(options.find((o) => o.name === 'messageTypes')!)).toEqual([
			'text', 'image', 'audio', 'voice', 'video', 'document', 'sticker', 'unsupported',
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
					{ id: 'ig1', channel_type: 'instagram', name: 'shop', ig_username: 'shop', is_active: false },
					{ id: 'wa1', channel_type: 'whatsapp', name: 'My Business', phone_number: '+1234567890', is_active: true },
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
