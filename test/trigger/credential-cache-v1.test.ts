import nock from 'nock';

import { deriveWebhookSecret } from '../../nodes/shared/derivedSecret';
import { TestCredentialsHelper } from '../helpers/credentials-helper';
import { receivedText, TRIGGER_API_KEY, TRIGGER_BASE_URL } from '../helpers/trigger-harness';
import type { LegacyTriggerOptions } from '../legacy/trigger-v1-harness';
import { LegacyTriggerHarness } from '../legacy/trigger-v1-harness';

// Built at runtime so they never look like committed credentials.
const credentialSecret = ['legacy', 'cache', 'value'].join('-');
const rotatedSecret = ['legacy', 'rotated', 'value'].join('-');
const ownSecret = ['legacy', 'node', 'value'].join('-');
const T0 = Date.UTC(2026, 0, 1);

function countReads() {
	return jest.spyOn(TestCredentialsHelper.prototype, 'getDecrypted');
}

/** The same saved trigger and credential each time; only the credential's data differs. */
function trigger(webhookSecret?: string, options: LegacyTriggerOptions = {}) {
	return new LegacyTriggerHarness(
		{ autoSetup: 'channel', channelId: 'wa1' },
		{
			workflowId: 'wf-legacy-cache',
			nodeId: 'node-legacy-cache',
			credentialId: 'cred-legacy-cache',
			credentials: {
				apiKey: TRIGGER_API_KEY,
				baseUrl: TRIGGER_BASE_URL,
				...(webhookSecret ? { webhookSecret } : {}),
			},
			...options,
		},
	);
}

afterEach(() => {
	jest.restoreAllMocks();
	jest.useRealTimers();
	expect(nock.pendingMocks()).toEqual([]);
});

describe('Fiwano Trigger v1 deliveries read the credential once per cache time', () => {
	it('repeated deliveries read it once, then again after the cache time', async () => {
		jest.useFakeTimers({
			now: T0,
			doNotFake: ['nextTick', 'queueMicrotask', 'setImmediate', 'setTimeout', 'setInterval'],
		});
		const reads = countReads();
		const harness = trigger(undefined, { credentialId: 'cred-legacy-expiry' });
		const secret = deriveWebhookSecret(TRIGGER_API_KEY, 'wf-legacy-cache', 'node-legacy-cache');
		const event = receivedText();
		expect((await harness.sendSigned(event, secret)).result).toEqual({
			workflowData: [[{ json: event }]],
		});
		expect((await harness.sendSigned(receivedText(), secret)).started).toBe(true);
		expect(reads).toHaveBeenCalledTimes(1);
		jest.setSystemTime(T0 + 60_000);
		expect((await harness.sendSigned(receivedText(), secret)).started).toBe(true);
		expect(reads).toHaveBeenCalledTimes(2);
		expect(harness.workflow.staticData).toEqual({});
		expect(harness.warnings).toEqual([]);
	});

	it('never reads the credential when the node has its own secret', async () => {
		const reads = countReads();
		const harness = new LegacyTriggerHarness({ webhookSecret: ownSecret });
		expect((await harness.sendSigned(receivedText(), ownSecret)).started).toBe(true);
		expect(reads).not.toHaveBeenCalled();
	});

	it('accepts a rotated credential secret at once, then refuses the old one', async () => {
		const reads = countReads();
		const rotating = { credentialId: 'cred-legacy-rotate' };
		const before = trigger(credentialSecret, rotating);
		expect((await before.sendSigned(receivedText(), credentialSecret)).started).toBe(true);
		const after = trigger(rotatedSecret, rotating);
		expect((await after.sendSigned(receivedText(), rotatedSecret)).started).toBe(true);
		expect(reads).toHaveBeenCalledTimes(2);
		const refused = await after.sendSigned(receivedText(), credentialSecret);
		expect([refused.response.statusCode, refused.response.body]).toEqual([
			401,
			'Invalid webhook signature',
		]);
		expect(refused.started).toBe(false);
		expect(reads).toHaveBeenCalledTimes(3);
	});

	it('another credential on the same node is read, not taken from the cache', async () => {
		const reads = countReads();
		const first = trigger(credentialSecret, { credentialId: 'cred-legacy-first' });
		expect((await first.sendSigned(receivedText(), credentialSecret)).started).toBe(true);
		const swapped = trigger(rotatedSecret, { credentialId: 'cred-legacy-second' });
		expect((await swapped.sendSigned(receivedText(), rotatedSecret)).started).toBe(true);
		expect(reads).toHaveBeenCalledTimes(2);
	});
});
