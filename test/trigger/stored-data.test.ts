import nock from 'nock';
import type { IDataObject } from 'n8n-workflow';

import { deriveWebhookSecret } from '../../nodes/shared/derivedSecret';
import {
	PRODUCTION_URL,
	receivedText,
	TRIGGER_API_KEY,
	TRIGGER_BASE_URL,
	TriggerHarness,
} from '../helpers/trigger-harness';

const credentialSigning = ['credential', 'stored', 'value'].join('-');

/** What n8n writes to its database: the workflow row (nodes, connections, static data). */
function storedWorkflow(harness: TriggerHarness): string {
	const { workflow } = harness;
	return JSON.stringify({
		id: workflow.id,
		nodes: Object.values(workflow.nodes),
		connections: workflow.connectionsBySourceNode,
		settings: workflow.settings,
		staticData: workflow.staticData,
	});
}

const api = () => nock(TRIGGER_BASE_URL).matchHeader('x-api-key', TRIGGER_API_KEY);
const wa1 = { id: 'wa1', channel_type: 'whatsapp', name: 'WA', is_active: true, webhook_url: null };

describe('no secret in stored workflow data', () => {
	afterEach(() => expect(nock.pendingMocks()).toEqual([]));

	it.each([
		['derived from the credential', {}],
		['typed into the credential', { webhookSecret: credentialSigning }],
	])(
		'activation and a delivery leave neither the %s secret nor the API key in workflow or static data',
		async (_label, extraCredential: IDataObject) => {
			const harness = new TriggerHarness(
				{
					events: ['message.received'],
					webhookSetup: 'selectedChannels',
					channelIds: { channel: [{ channelId: 'wa1' }] },
				},
				{ apiKey: TRIGGER_API_KEY, baseUrl: TRIGGER_BASE_URL, ...extraCredential },
			);
			let registered = '';
			api()
				.get('/api/v1/channels')
				.reply(200, { channels: [wa1] });
			api()
				.patch('/api/v1/channels/wa1', (body: IDataObject) => {
					registered = String(body.webhook_secret);
					return body.webhook_url === PRODUCTION_URL;
				})
				.reply(200, {});
			expect(await harness.hook('create')).toBe(true);
			const expected =
				(extraCredential.webhookSecret as string | undefined) ??
				deriveWebhookSecret(TRIGGER_API_KEY, harness.workflow.id, 'trigger-node');
			expect(registered).toBe(expected);

			const delivery = await harness.sendSigned(receivedText({ channel_id: 'wa1' }), registered);
			expect(delivery.started).toBe(true);
			const stored = storedWorkflow(harness);
			const items = JSON.stringify(delivery.result.workflowData);
			for (const hidden of [registered, TRIGGER_API_KEY]) {
				expect(stored).not.toContain(hidden);
				expect(JSON.stringify(harness.staticData)).not.toContain(hidden);
				expect(items).not.toContain(hidden);
			}
			// What is there: URLs, channel IDs, events and hashed delivery keys.
			expect(Object.keys(harness.staticData).sort()).toEqual([
				'lastActivation',
				'ownUrls',
				'recentDeliveries',
				'registrations',
			]);
		},
	);
});
