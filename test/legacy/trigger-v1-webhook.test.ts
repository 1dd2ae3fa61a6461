import nock from 'nock';
import type { IDataObject } from 'n8n-workflow';

import { receivedText, TRIGGER_API_KEY, TRIGGER_BASE_URL } from '../helpers/trigger-harness';
import { signBody } from '../helpers/sign';
import type { LegacyDelivery } from './trigger-v1-harness';
import { expectedDerivedSecret, legacyHarnessFor } from './trigger-v1-harness';

const nodeSecret = ['node', 'delivery', 'value'].join('-');
const credentialSecret = ['credential', 'delivery', 'value'].join('-');
const WORKFLOW_ID = 'wf-legacy-9';
const NODE_ID = 'node-legacy-9';

const derived = (apiKey = TRIGGER_API_KEY, workflowId = WORKFLOW_ID, nodeId = NODE_ID) =>
	expectedDerivedSecret(apiKey, workflowId, nodeId);

const signature = signBody;

const harness = legacyHarnessFor(WORKFLOW_ID, NODE_ID);

const withCredentialSecret = {
	credentials: {
		apiKey: TRIGGER_API_KEY,
		baseUrl: TRIGGER_BASE_URL,
		webhookSecret: ` ${credentialSecret} `,
	},
};

/** An execution starts with exactly one item: the body as Fiwano sent it. */
function expectStarted(delivery: LegacyDelivery, body: IDataObject) {
	expect(delivery.started).toBe(true);
	expect(delivery.result).toEqual({ workflowData: [[{ json: body }]] });
	// n8n's onReceived answer is left to n8n: the node wrote nothing itself.
	expect(delivery.response.statusCode).toBeUndefined();
}

function expectRefused(delivery: LegacyDelivery, status: number, text: string) {
	expect(delivery.started).toBe(false);
	expect(delivery.result).toEqual({ noWebhookResponse: true });
	expect(delivery.response.statusCode).toBe(status);
	expect(delivery.response.headers['Content-Type']).toBe('text/plain; charset=utf-8');
	expect(delivery.response.body).toBe(text);
}

describe('Fiwano Trigger v1 deliveries', () => {
	afterEach(() => {
		// Deliveries never call the API.
		expect(nock.pendingMocks()).toEqual([]);
	});

	describe('manual mode without any secret (accepted unsigned, as published)', () => {
		it('starts with the body unchanged for a 0.x trigger without credential', async () => {
			const trigger = harness(
				{ webhookSecret: '', events: ['message.received'] },
				{ credentials: null },
			);
			const event = receivedText();
			expectStarted(await trigger.send(JSON.stringify(event)), event);
		});

		it('does not look at a signature header it cannot check', async () => {
			const trigger = harness({});
			const event = receivedText();
			const raw = JSON.stringify(event);
			expectStarted(await trigger.send(raw, { 'x-webhook-signature': 'sha256=nonsense' }), event);
		});
	});

	describe('with a secret', () => {
		it("verifies the node's secret (trimmed) over the raw bytes", async () => {
			const trigger = harness({ webhookSecret: ` ${nodeSecret} ` });
			// Same JSON value, other bytes than JSON.stringify would give: the raw bytes are signed.
			const raw =
				'{ "event": "message.received",  "channel_id": "c1", "data": {"text": "caf\\u00e9"} }';
			const delivery = await trigger.send(raw, {
				'x-webhook-signature': signature(nodeSecret, raw),
			});
			expectStarted(delivery, JSON.parse(raw) as IDataObject);
		});

		it("uses the credential's secret (trimmed) when the node has none, and only it", async () => {
			const trigger = harness({}, withCredentialSecret);
			const event = receivedText();
			expectStarted(await trigger.sendSigned(event, credentialSecret), event);
			expectRefused(await trigger.sendSigned(event, nodeSecret), 401, 'Invalid webhook signature');
		});

		it("prefers the node's secret over the credential's", async () => {
			const trigger = harness({ webhookSecret: nodeSecret }, withCredentialSecret);
			const event = receivedText();
			expectStarted(await trigger.sendSigned(event, nodeSecret), event);
			expectRefused(
				await trigger.sendSigned(event, credentialSecret),
				401,
				'Invalid webhook signature',
			);
		});

		it.each([
			['missing', undefined, 401, 'Missing X-Webhook-Signature header'],
			['empty', '', 401, 'Missing X-Webhook-Signature header'],
			['signed with another secret', 'OTHER', 401, 'Invalid webhook signature'],
			['without the sha256= prefix', 'BARE', 401, 'Invalid webhook signature'],
			['truncated', 'SHORT', 401, 'Invalid webhook signature'],
		])('a signature %s is refused and starts nothing', async (_case, kind, status, text) => {
			const trigger = harness({ webhookSecret: nodeSecret });
			const raw = JSON.stringify(receivedText());
			const good = signature(nodeSecret, raw);
			const header =
				{
					OTHER: signature('another value entirely', raw),
					BARE: good.slice('sha256='.length),
					SHORT: good.slice(0, -1),
				}[kind ?? ''] ?? kind;
			const delivery = await trigger.send(
				raw,
				header === undefined ? {} : { 'x-webhook-signature': header },
			);
			expectRefused(delivery, status, text);
			expect(delivery.response.body).not.toContain(good.slice(7));
		});

		it('rejects a body changed after signing', async () => {
			const trigger = harness({ webhookSecret: nodeSecret });
			const raw = JSON.stringify(receivedText({}, { text: 'pay 10' }));
			const delivery = await trigger.send(raw.replace('pay 10', 'pay 99'), {
				'x-webhook-signature': signature(nodeSecret, raw),
			});
			expectRefused(delivery, 401, 'Invalid webhook signature');
		});

		it('answers 400 when n8n kept no raw body to verify', async () => {
			const trigger = harness({ webhookSecret: nodeSecret });
			const raw = JSON.stringify(receivedText());
			const delivery = await trigger.send(
				raw,
				{ 'x-webhook-signature': signature(nodeSecret, raw) },
				{ omitRawBody: true },
			);
			expectRefused(delivery, 400, 'Unable to read raw request body for signature verification');
		});
	});

	describe('automatic modes always verify (derived secret when none is set)', () => {
		it.each([
			['All Active Channels (auto-responder template)', { autoSetup: 'all' }],
			['Specific Channel', { autoSetup: 'channel', channelId: 'wa1' }],
		])('%s: accepts only deliveries signed with the derived secret', async (_case, saved) => {
			const trigger = harness(saved);
			const event = receivedText();
			expectStarted(await trigger.sendSigned(event, derived()), event);
			expectRefused(
				await trigger.send(JSON.stringify(event)),
				401,
				'Missing X-Webhook-Signature header',
			);
			expectRefused(await trigger.sendSigned(event, nodeSecret), 401, 'Invalid webhook signature');
			// Another trigger, workflow or API key derives another secret.
			expectRefused(
				await trigger.sendSigned(event, derived(TRIGGER_API_KEY, WORKFLOW_ID, 'other-node')),
				401,
				'Invalid webhook signature',
			);
			expectRefused(
				await trigger.sendSigned(event, derived(TRIGGER_API_KEY, 'other-workflow')),
				401,
				'Invalid webhook signature',
			);
			expectRefused(
				await trigger.sendSigned(event, derived('mip_live_rotated')),
				401,
				'Invalid webhook signature',
			);
		});

		it('the secret activation registered is the one deliveries are verified with', async () => {
			let registered = '';
			nock(TRIGGER_BASE_URL)
				.patch('/api/v1/channels/wa1', (body: { webhook_secret: string }) => {
					registered = body.webhook_secret;
					return true;
				})
				.reply(200, {});
			const trigger = harness({ autoSetup: 'channel', channelId: 'wa1' });
			expect(await trigger.hook('create')).toBe(true);
			expect(registered).toMatch(/^[0-9a-f]{64}$/);
			const event = receivedText();
			expectStarted(await trigger.sendSigned(event, registered), event);
			// Recomputed, never stored: n8n copies static data into execution records.
			expect(trigger.workflow.staticData).toEqual({});
		});

		it('fails closed when the credential is gone: no secret can be derived', async () => {
			const trigger = harness({ autoSetup: 'all' }, { credentials: null });
			const event = receivedText();
			expectRefused(await trigger.sendSigned(event, derived()), 401, 'Invalid webhook signature');
			expectRefused(
				await trigger.send(JSON.stringify(event)),
				401,
				'Missing X-Webhook-Signature header',
			);
		});
	});

	describe('event filter', () => {
		const read = receivedText({ event: 'message.read' });

		it('answers 200 {received, filtered} and starts nothing for an event not selected', async () => {
			const trigger = harness({});
			const delivery = await trigger.send(JSON.stringify(read));
			expect(delivery.started).toBe(false);
			expect(delivery.result).toEqual({ noWebhookResponse: true });
			expect(delivery.response.statusCode).toBe(200);
			expect(delivery.response.headers['Content-Type']).toBe('application/json; charset=utf-8');
			expect(delivery.response.json).toEqual({ received: true, filtered: true });
		});

		it('filters only after the signature check', async () => {
			const trigger = harness({ webhookSecret: nodeSecret });
			expectRefused(
				await trigger.send(JSON.stringify(read)),
				401,
				'Missing X-Webhook-Signature header',
			);
			expect((await trigger.sendSigned(read, nodeSecret)).response.json).toEqual({
				received: true,
				filtered: true,
			});
		});

		it('starts for every event when the selection is empty, and for a body without event', async () => {
			const everything = harness({ events: [] });
			expectStarted(await everything.send(JSON.stringify(read)), read);
			const defaults = harness({});
			const noEvent = { channel_id: 'c1', data: { text: 'hi' } };
			expectStarted(await defaults.send(JSON.stringify(noEvent)), noEvent);
		});

		it('passes message.echo when it is selected', async () => {
			const trigger = harness({ events: ['message.received', 'message.echo'] });
			const echo = receivedText({ event: 'message.echo' });
			expectStarted(await trigger.send(JSON.stringify(echo)), echo);
		});
	});
});
