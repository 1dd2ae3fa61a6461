import { NodeHelpers } from 'n8n-workflow';
import type { INodeProperties, INodeType } from 'n8n-workflow';

import { FiwanoTrigger } from '../../nodes/FiwanoTrigger/FiwanoTrigger.node';
import { FiwanoTriggerV1 } from '../../nodes/FiwanoTrigger/v1/FiwanoTriggerV1';
import { FiwanoTriggerV2 } from '../../nodes/FiwanoTrigger/v2/FiwanoTriggerV2';
import { LegacyTriggerHarness } from './trigger-v1-harness';

const versioned = new FiwanoTrigger();
const v1 = NodeHelpers.getVersionedNodeType(versioned, 1) as INodeType;

function property(name: string): INodeProperties {
	const found = v1.description.properties.find((candidate) => candidate.name === name);
	if (!found) throw new Error(`no parameter ${name}`);
	return found;
}

describe('Fiwano Trigger typeVersion 1 (published 1.x) description', () => {
	it('is registered as version 1 next to version 2, which stays the default', () => {
		expect(v1).toBeInstanceOf(FiwanoTriggerV1);
		expect(NodeHelpers.getVersionedNodeType(versioned, 2)).toBeInstanceOf(FiwanoTriggerV2);
		expect(versioned.description.defaultVersion).toBe(2);
		expect(v1.description).toMatchObject({
			name: 'fiwanoTrigger',
			displayName: 'Fiwano Trigger',
			version: 1,
			group: ['trigger'],
			inputs: [],
			outputs: ['main'],
			credentials: [{ name: 'fiwanoApi', required: false }],
			webhooks: [
				{ name: 'default', httpMethod: 'POST', responseMode: 'onReceived', path: 'webhook' },
			],
		});
	});

	it('keeps every published parameter name, type, option value and default', () => {
		expect(v1.description.properties.map(({ name, type }) => [name, type])).toEqual([
			['autoSetup', 'options'],
			['channelId', 'string'],
			['webhookSecret', 'string'],
			['events', 'multiOptions'],
			['setupNotice', 'notice'],
			['unsignedNotice', 'notice'],
		]);
		const autoSetup = property('autoSetup');
		expect(autoSetup.default).toBe('manual');
		expect(autoSetup.options!.map((option) => (option as { value: string }).value).sort()).toEqual([
			'all',
			'channel',
			'manual',
		]);
		expect(property('channelId')).toMatchObject({
			default: '',
			required: true,
			displayOptions: { show: { autoSetup: ['channel'] } },
		});
		expect(property('webhookSecret')).toMatchObject({
			default: '',
			typeOptions: { password: true },
		});
		const events = property('events');
		expect(events.default).toEqual(['message.received']);
		expect(events.required).toBeUndefined();
		expect(events.options!.map((option) => (option as { value: string }).value).sort()).toEqual([
			'message.delivered',
			'message.echo',
			'message.failed',
			'message.read',
			'message.received',
			'message.sent',
		]);
		expect(property('setupNotice').displayOptions).toEqual({ show: { autoSetup: ['manual'] } });
	});

	it('shows the unsigned-deliveries notice only in manual mode with an empty node secret', () => {
		const notice = property('unsignedNotice');
		expect(notice.displayName).toMatch(/credential's Webhook Secret/);
		expect(notice.displayName).toMatch(/channel settings of the Fiwano portal/);
		const shown = (parameters: Record<string, unknown>) =>
			NodeHelpers.displayParameter(parameters as never, notice, { typeVersion: 1 }, v1.description);
		expect(shown({ autoSetup: 'manual', webhookSecret: '' })).toBe(true);
		expect(shown({ autoSetup: 'manual', webhookSecret: 'set' })).toBe(false);
		expect(shown({ autoSetup: 'all', webhookSecret: '' })).toBe(false);
	});

	it.each([
		['0.x demo trigger, no credential', { webhookSecret: '', events: ['message.received'] }, null],
		['1.x auto-responder (only non-defaults saved)', { autoSetup: 'all' }, undefined],
		['1.x specific channel', { autoSetup: 'channel', channelId: 'wa1' }, undefined],
		['1.x manual, events cleared', { events: [] }, undefined],
	])('loads a saved %s with the published defaults filled in', (_case, saved, credentials) => {
		const harness = new LegacyTriggerHarness(saved, { credentials });
		const expected: Record<string, unknown> = {
			autoSetup: 'manual',
			webhookSecret: '',
			events: ['message.received'],
			...saved,
		};
		expect(harness.node.parameters).toMatchObject(expected);
		expect(
			NodeHelpers.getNodeParametersIssues(v1.description.properties, harness.node, v1.description),
		).toBeNull();
	});

	it('reports an empty Channel ID on a Specific Channel trigger as a node issue', () => {
		const harness = new LegacyTriggerHarness({ autoSetup: 'channel' });
		expect(
			NodeHelpers.getNodeParametersIssues(v1.description.properties, harness.node, v1.description),
		).toEqual({ parameters: { channelId: ['Parameter "Channel ID" is required.'] } });
	});
});
