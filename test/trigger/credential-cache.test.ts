import nock from 'nock';
import type { IDataObject } from 'n8n-workflow';

import { CredentialCache } from '../../nodes/shared/credentialCache';
import { deriveWebhookSecret } from '../../nodes/shared/derivedSecret';
import { TestCredentialsHelper } from '../helpers/credentials-helper';
import {
	PRODUCTION_URL,
	receivedText,
	TRIGGER_API_KEY,
	TRIGGER_BASE_URL,
	TriggerHarness,
} from '../helpers/trigger-harness';

// Built at runtime so they never look like committed credentials.
const rotatedKey = ['mip', 'live', 'rotated', 'key'].join('_');
const credentialSecret = ['credential', 'cache', 'value'].join('-');
const rotatedSecret = ['credential', 'rotated', 'value'].join('-');
const ownSecret = ['node', 'cache', 'value'].join('-');
const selected = {
	events: ['message.received'],
	webhookSetup: 'selectedChannels',
	channelIds: { channel: [{ channelId: 'wa1' }] },
};
const manual = { events: ['message.received'] };
const T0 = Date.UTC(2026, 0, 1);

/** Every credential read n8n does for the node (context.getCredentials ends here). */
function countReads() {
	return jest.spyOn(TestCredentialsHelper.prototype, 'getDecrypted');
}

/** Only Date is faked: n8n-core and nock keep their real timers and ticks. */
function fakeClock() {
	jest.useFakeTimers({
		now: T0,
		doNotFake: [
			'nextTick',
			'queueMicrotask',
			'setImmediate',
			'clearImmediate',
			'setTimeout',
			'clearTimeout',
			'setInterval',
			'clearInterval',
			'hrtime',
			'performance',
		],
	});
}

const derived = (apiKey: string, workflowId: string) =>
	deriveWebhookSecret(apiKey, workflowId, 'trigger-node');

afterEach(() => {
	jest.restoreAllMocks();
	jest.useRealTimers();
	expect(nock.pendingMocks()).toEqual([]);
});

describe('CredentialCache', () => {
	it('keeps a value for the time given, then forgets it', () => {
		let now = 1000;
		const cache = new CredentialCache<string>(60_000, 500, () => now);
		cache.set('a', 'one');
		now += 59_999;
		expect(cache.get('a')).toBe('one');
		now += 1;
		expect(cache.get('a')).toBeUndefined();
		expect(cache.size).toBe(0);
	});

	it('holds at most the given number of entries, dropping the oldest first', () => {
		const cache = new CredentialCache<number>(60_000, 3, () => 0);
		cache.set('a', 1);
		cache.set('b', 2);
		cache.set('c', 3);
		cache.set('a', 10); // written again: now the newest
		cache.set('d', 4);
		expect(cache.size).toBe(3);
		expect(cache.get('b')).toBeUndefined();
		expect([cache.get('a'), cache.get('c'), cache.get('d')]).toEqual([10, 3, 4]);
	});
});

describe('Fiwano Trigger v2 deliveries read the credential once per cache time', () => {
	it('repeated deliveries (new and duplicate) read it once and all verify', async () => {
		const reads = countReads();
		const harness = new TriggerHarness(selected);
		const secret = derived(TRIGGER_API_KEY, harness.workflow.id);
		const first = receivedText();
		const delivered = await harness.sendSigned(first, secret);
		expect(delivered.started).toBe(true);
		expect(delivered.result.workflowData).toEqual([[{ json: first }]]);
		expect((await harness.sendSigned(receivedText(), secret)).started).toBe(true);
		const duplicate = await harness.sendSigned(first, secret);
		expect(duplicate.response.json).toEqual({ received: true, duplicate: true });
		expect(reads).toHaveBeenCalledTimes(1);
		expect(reads.mock.calls[0][2]).toBe('fiwanoApi');
		// Process memory only: nothing secret reaches static data (saved, copied into executions).
		const stored = JSON.stringify(harness.workflow.staticData);
		expect(stored).not.toContain(secret);
		expect(stored).not.toContain(TRIGGER_API_KEY);
	});

	it('never reads the credential when the node has its own secret', async () => {
		const reads = countReads();
		const harness = new TriggerHarness({ ...manual, secret: ownSecret });
		expect((await harness.sendSigned(receivedText(), ownSecret)).started).toBe(true);
		expect((await harness.sendSigned(receivedText(), 'another value')).response.statusCode).toBe(
			401,
		);
		expect(reads).not.toHaveBeenCalled();
	});

	it('reads it again once the cache time is over', async () => {
		fakeClock();
		const reads = countReads();
		const harness = new TriggerHarness(selected);
		const secret = derived(TRIGGER_API_KEY, harness.workflow.id);
		expect((await harness.sendSigned(receivedText(), secret)).started).toBe(true);
		jest.setSystemTime(T0 + 59_000);
		expect((await harness.sendSigned(receivedText(), secret)).started).toBe(true);
		expect(reads).toHaveBeenCalledTimes(1);
		jest.setSystemTime(T0 + 60_000);
		expect((await harness.sendSigned(receivedText(), secret)).started).toBe(true);
		expect(reads).toHaveBeenCalledTimes(2);
	});

	it('accepts a rotated credential secret at once: a mismatch re-reads the credential', async () => {
		const reads = countReads();
		const workflowId = 'wf-cache-rotate';
		const before = new TriggerHarness(
			manual,
			{ apiKey: TRIGGER_API_KEY, baseUrl: TRIGGER_BASE_URL, webhookSecret: credentialSecret },
			{ workflowId },
		);
		expect((await before.sendSigned(receivedText(), credentialSecret)).started).toBe(true);
		// The same saved credential (same workflow, node and credential id) with a new secret.
		const after = new TriggerHarness(
			manual,
			{ apiKey: TRIGGER_API_KEY, baseUrl: TRIGGER_BASE_URL, webhookSecret: rotatedSecret },
			{ workflowId },
		);
		const rotated = receivedText();
		const accepted = await after.sendSigned(rotated, rotatedSecret);
		expect(accepted.result.workflowData).toEqual([[{ json: rotated }]]);
		expect(reads).toHaveBeenCalledTimes(2);
		// The cache now holds the new secret: no extra read for the next good delivery.
		expect((await after.sendSigned(receivedText(), rotatedSecret)).started).toBe(true);
		expect(reads).toHaveBeenCalledTimes(2);
		// The old secret is refused now (after one re-read that confirms the mismatch).
		const refused = await after.sendSigned(receivedText(), credentialSecret);
		expect(refused.response.statusCode).toBe(401);
		expect(refused.response.json).toEqual({ error: 'invalid signature' });
		expect(refused.started).toBe(false);
		expect(reads).toHaveBeenCalledTimes(3);
	});

	it('trade-off: until then, an old secret stays valid for at most the cache time', async () => {
		fakeClock();
		const workflowId = 'wf-cache-tradeoff';
		const oldSecret = derived(TRIGGER_API_KEY, workflowId);
		const before = new TriggerHarness(selected, undefined, { workflowId });
		expect((await before.sendSigned(receivedText(), oldSecret)).started).toBe(true);
		const after = new TriggerHarness(
			selected,
			{ apiKey: rotatedKey, baseUrl: TRIGGER_BASE_URL },
			{ workflowId },
		);
		jest.setSystemTime(T0 + 59_999);
		expect((await after.sendSigned(receivedText(), oldSecret)).started).toBe(true);
		jest.setSystemTime(T0 + 60_000);
		expect((await after.sendSigned(receivedText(), oldSecret)).response.statusCode).toBe(401);
		expect((await after.sendSigned(receivedText(), derived(rotatedKey, workflowId))).started).toBe(
			true,
		);
	});

	it('a bad or missing signature costs at most one extra read and is answered 401', async () => {
		const reads = countReads();
		const harness = new TriggerHarness(selected);
		const secret = derived(TRIGGER_API_KEY, harness.workflow.id);
		expect((await harness.sendSigned(receivedText(), secret)).started).toBe(true);
		const forged = await harness.sendSigned(receivedText(), 'not the secret');
		expect([forged.response.statusCode, forged.response.json]).toEqual([
			401,
			{ error: 'invalid signature' },
		]);
		expect(reads).toHaveBeenCalledTimes(2);
		const unsigned = await harness.send({ raw: JSON.stringify(receivedText()) });
		expect([unsigned.response.statusCode, unsigned.response.json]).toEqual([
			401,
			{ error: 'missing signature' },
		]);
		// Re-reading cannot help a delivery without a signature.
		expect(reads).toHaveBeenCalledTimes(2);
	});

	it('activation reads the credential fresh: create() registers the rotated key’s secret', async () => {
		const workflowId = 'wf-cache-activate';
		const before = new TriggerHarness(selected, undefined, { workflowId });
		const oldSecret = derived(TRIGGER_API_KEY, workflowId);
		expect((await before.sendSigned(receivedText(), oldSecret)).started).toBe(true);
		const after = new TriggerHarness(
			selected,
			{ apiKey: rotatedKey, baseUrl: TRIGGER_BASE_URL },
			{ workflowId },
		);
		let registered = '';
		const api = () => nock(TRIGGER_BASE_URL).matchHeader('x-api-key', rotatedKey);
		api()
			.get('/api/v1/channels')
			.reply(200, {
				channels: [
					{ id: 'wa1', channel_type: 'whatsapp', name: 'WA', is_active: true, webhook_url: null },
				],
			});
		api()
			.patch('/api/v1/channels/wa1', (body: IDataObject) => {
				registered = String(body.webhook_secret);
				return body.webhook_url === PRODUCTION_URL;
			})
			.reply(200, {});
		expect(await after.hook('create')).toBe(true);
		expect(registered).toBe(derived(rotatedKey, workflowId));
	});

	it('keeps at most 500 triggers: the oldest is read again after 500 others', async () => {
		const reads = countReads();
		const harnesses = Array.from({ length: 501 }, () => new TriggerHarness(selected));
		const deliver = async (harness: TriggerHarness) =>
			(await harness.sendSigned(receivedText(), derived(TRIGGER_API_KEY, harness.workflow.id)))
				.started;
		expect(await deliver(harnesses[0])).toBe(true);
		expect(await deliver(harnesses[0])).toBe(true);
		expect(reads).toHaveBeenCalledTimes(1);
		for (const harness of harnesses.slice(1)) expect(await deliver(harness)).toBe(true);
		expect(reads).toHaveBeenCalledTimes(501);
		expect(await deliver(harnesses[500])).toBe(true); // still cached
		expect(reads).toHaveBeenCalledTimes(501);
		expect(await deliver(harnesses[0])).toBe(true); // evicted: read again
		expect(reads).toHaveBeenCalledTimes(502);
	});
});
