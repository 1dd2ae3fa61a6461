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

// Built at runtime so they never look like committed credentials.
const legacyStored = ['legacy', 'stored', 'value'].join('-');
const NODE_KEY = 'node:Fiwano Trigger';
const selected = {
	events: ['message.received'],
	webhookSetup: 'selectedChannels',
	channelIds: { channel: [{ channelId: 'wa1' }] },
};
const wa1 = { id: 'wa1', channel_type: 'whatsapp', name: 'WA', is_active: true, webhook_url: null };
const api = () => nock(TRIGGER_BASE_URL).matchHeader('x-api-key', TRIGGER_API_KEY);

describe('derived secrets', () => {
	afterEach(() => expect(nock.pendingMocks()).toEqual([]));

	it('differ per workflow and per node and change with the API key', () => {
		const base = deriveWebhookSecret('key-a', 'wf1', 'node1');
		expect(base).toMatch(/^[0-9a-f]{64}$/);
		expect(deriveWebhookSecret('key-a', 'wf1', 'node1')).toBe(base);
		expect(deriveWebhookSecret('key-a', 'wf2', 'node1')).not.toBe(base);
		expect(deriveWebhookSecret('key-a', 'wf1', 'node2')).not.toBe(base);
		expect(deriveWebhookSecret('key-b', 'wf1', 'node1')).not.toBe(base);
	});

	it('after an API key rotation, deliveries signed with the old derived secret get 401 until reactivation', async () => {
		const rotated = ['rotated', 'api', 'key'].join('_');
		const before = new TriggerHarness(selected, undefined, { workflowId: 'wf-rotate' });
		const after = new TriggerHarness(
			selected,
			{ apiKey: rotated, baseUrl: TRIGGER_BASE_URL },
			{ workflowId: 'wf-rotate' },
		);
		const oldSecret = deriveWebhookSecret(TRIGGER_API_KEY, 'wf-rotate', 'trigger-node');
		expect((await before.sendSigned(receivedText(), oldSecret)).started).toBe(true);
		// The new secret works at once (a mismatch re-reads the cached credential); once the new
		// key is read, the old secret is refused (test/trigger/credential-cache.test.ts: the
		// old one stays valid until then, at most the cache time).
		const newSecret = deriveWebhookSecret(rotated, 'wf-rotate', 'trigger-node');
		expect((await after.sendSigned(receivedText(), newSecret)).started).toBe(true);
		const refused = await after.sendSigned(receivedText(), oldSecret);
		expect(refused.response.statusCode).toBe(401);
	});

	it('are never used in manual setup', async () => {
		const harness = new TriggerHarness({ events: ['message.received'] });
		const derived = deriveWebhookSecret(TRIGGER_API_KEY, harness.workflow.id, 'trigger-node');
		expect((await harness.sendSigned(receivedText(), derived)).response.statusCode).toBe(401);
	});
});

describe('a secret stored in static data by an earlier 2.0.0 build', () => {
	afterEach(() => expect(nock.pendingMocks()).toEqual([]));

	const legacyState = () => ({
		[NODE_KEY]: {
			generatedSecret: legacyStored,
			registrations: { [PRODUCTION_URL]: { channels: ['wa1'] } },
		},
	});

	it('still verifies deliveries until the next activation replaces it', async () => {
		const harness = new TriggerHarness(selected, undefined, { staticData: legacyState() });
		expect((await harness.sendSigned(receivedText(), legacyStored)).started).toBe(true);
	});

	it('makes checkExists false so n8n runs create(), which registers the derived secret and deletes it', async () => {
		const harness = new TriggerHarness(selected, undefined, { staticData: legacyState() });
		expect(await harness.hook('checkExists')).toBe(false);
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
		expect(registered).toBe(
			deriveWebhookSecret(TRIGGER_API_KEY, harness.workflow.id, 'trigger-node'),
		);
		expect(harness.staticData.generatedSecret).toBeUndefined();
		expect(JSON.stringify(harness.workflow.staticData)).not.toContain(legacyStored);
		expect((await harness.sendSigned(receivedText(), legacyStored)).response.statusCode).toBe(401);
		expect((await harness.sendSigned(receivedText(), registered)).started).toBe(true);
	});

	it('is ignored in manual setup', async () => {
		const harness = new TriggerHarness({ events: ['message.received'] }, undefined, {
			staticData: legacyState(),
		});
		expect((await harness.sendSigned(receivedText(), legacyStored)).response.statusCode).toBe(401);
	});
});
