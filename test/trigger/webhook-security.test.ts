import nock from 'nock';

import { deriveWebhookSecret } from '../../nodes/shared/derivedSecret';
import { signBody } from '../helpers/sign';
import {
	receivedText,
	TRIGGER_API_KEY,
	TRIGGER_BASE_URL,
	TriggerHarness,
} from '../helpers/trigger-harness';

// Signing values are built at runtime so they never look like committed credentials.
const nodeSigning = ['node', 'signing', 'value', '1'].join('-');
const credentialSigning = ['credential', 'signing', 'value'].join('-');
const oldSigning = ['old', 'signing', 'value'].join('-');

const received = { events: ['message.received'] };

function expectRejected(delivery: { response: { statusCode?: number; json: unknown }; started: boolean }, status: number, error: string) {
	expect(delivery.started).toBe(false);
	expect(delivery.response.statusCode).toBe(status);
	expect(delivery.response.json).toEqual({ error });
}

describe('signature verification (on by default)', () => {
	it('starts one execution with the event exactly as sent for a valid signature', async () => {
		const harness = new TriggerHarness({ ...received, secret: nodeSigning });
		const event = receivedText();
		const delivery = await harness.sendSigned(event, nodeSigning);
		expect(delivery.response.statusCode).toBe(200);
		expect(delivery.response.headers['Content-Type']).toBe('application/json; charset=utf-8');
		expect(delivery.response.json).toEqual({ received: true });
		expect(delivery.result).toEqual({ noWebhookResponse: true, workflowData: [[{ json: event }]] });
	});

	it('verifies the raw bytes, not a re-serialisation of the parsed body', async () => {
		const harness = new TriggerHarness({ ...received, secret: nodeSigning });
		// Same JSON value, different bytes: spacing and key order as Fiwano might send them.
		const raw = '{ "data": {"type": "text", "message_id": "m-raw", "text": "caf\\u00e9"},\n "channel_id": "c1", "event": "message.received" }';
		const delivery = await harness.send({ raw, headers: { 'x-webhook-signature': signBody(nodeSigning, raw) } });
		expect(delivery.started).toBe(true);
		expect(delivery.result.workflowData).toEqual([[{ json: JSON.parse(raw) }]]);
	});

	it.each([
		['missing', undefined, 'missing signature'],
		['empty', '', 'missing signature'],
		['without the sha256= prefix', 'HEX', 'invalid signature'],
		['with another algorithm', 'sha1=HEX', 'invalid signature'],
		['truncated by one character', 'sha256=HEX-1', 'invalid signature'],
		['with an extra character', 'sha256=HEX0', 'invalid signature'],
		['not hex', `sha256=${'z'.repeat(64)}`, 'invalid signature'],
		['signed with another secret', 'OTHER', 'invalid signature'],
		['sent twice (joined header)', 'sha256=HEX, sha256=HEX', 'invalid signature'],
		['in upper-case hex', 'UPPER', 'invalid signature'],
		['surrounded by spaces', ' sha256=HEX ', 'invalid signature'],
		['followed by a newline', 'sha256=HEX\n', 'invalid signature'],
	])('answers 401 and starts nothing when the signature is %s', async (_case, template, error) => {
		const harness = new TriggerHarness({ ...received, secret: nodeSigning });
		const raw = JSON.stringify(receivedText());
		const hex = signBody(nodeSigning, raw).slice(7);
		let header = template?.replace(/HEX/g, hex);
		if (template === 'sha256=HEX-1') header = `sha256=${hex.slice(0, -1)}`;
		if (template === 'OTHER') header = signBody('another value entirely', raw);
		if (template === 'UPPER') header = `sha256=${hex.toUpperCase()}`;
		const delivery = await harness.send({ raw, headers: header === undefined ? {} : { 'x-webhook-signature': header } });
		expectRejected(delivery, 401, error);
		// The answer never reveals the expected digest.
		expect(delivery.response.body).not.toContain(hex);
		expect(delivery.response.body).not.toContain(nodeSigning);
	});

	it('rejects a body changed after signing (one byte)', async () => {
		const harness = new TriggerHarness({ ...received, secret: nodeSigning });
		const raw = JSON.stringify(receivedText({}, { text: 'pay 10' }));
		const signature = signBody(nodeSigning, raw);
		const delivery = await harness.send({ raw: raw.replace('pay 10', 'pay 99'), headers: { 'x-webhook-signature': signature } });
		expectRejected(delivery, 401, 'invalid signature');
	});

	it('rejects a body with whitespace appended after signing', async () => {
		const harness = new TriggerHarness({ ...received, secret: nodeSigning });
		const raw = JSON.stringify(receivedText());
		const delivery = await harness.send({ raw: `${raw}\n`, headers: { 'x-webhook-signature': signBody(nodeSigning, raw) } });
		expectRejected(delivery, 401, 'invalid signature');
	});

	it('answers 401 when n8n kept no raw bytes (it never re-serialises to verify)', async () => {
		const harness = new TriggerHarness({ ...received, secret: nodeSigning });
		const event = receivedText();
		const raw = JSON.stringify(event);
		const delivery = await harness.send({ raw, omitRawBody: true, body: event, headers: { 'x-webhook-signature': signBody(nodeSigning, raw) } });
		expectRejected(delivery, 401, 'invalid signature');
	});

	it('verifies a Buffer or string body when rawBody is missing', async () => {
		const harness = new TriggerHarness({ ...received, secret: nodeSigning });
		const raw = JSON.stringify(receivedText());
		const headers = { 'x-webhook-signature': signBody(nodeSigning, raw) };
		const fromBuffer = await harness.send({ raw, omitRawBody: true, body: Buffer.from(raw), headers });
		const fromString = await harness.send({ raw, omitRawBody: true, body: raw, headers });
		expect(fromBuffer.started).toBe(true);
		expect(fromString.response.json).toEqual({ received: true, duplicate: true });
	});
});

describe('secret order', () => {
	it("uses the node's field before the credential's Webhook Secret", async () => {
		const harness = new TriggerHarness(
			{ ...received, secret: nodeSigning },
			{ apiKey: TRIGGER_API_KEY, baseUrl: TRIGGER_BASE_URL, webhookSecret: credentialSigning },
		);
		expect((await harness.sendSigned(receivedText(), nodeSigning)).started).toBe(true);
		expectRejected(await harness.sendSigned(receivedText(), credentialSigning), 401, 'invalid signature');
	});

	it("uses the credential's Webhook Secret when the node has none", async () => {
		const harness = new TriggerHarness(received, {
			apiKey: TRIGGER_API_KEY,
			baseUrl: TRIGGER_BASE_URL,
			webhookSecret: credentialSigning,
		});
		expect((await harness.sendSigned(receivedText(), credentialSigning)).started).toBe(true);
		expectRejected(await harness.sendSigned(receivedText(), nodeSigning), 401, 'invalid signature');
	});

	it('uses the secret automatic setup derived from the credential and registered (nothing stored)', async () => {
		const harness = new TriggerHarness({
			...received,
			webhookSetup: 'selectedChannels',
			channelIds: { channel: [{ channelId: { __rl: true, mode: 'id', value: 'wa1' } }] },
		});
		let registered = '';
		nock(TRIGGER_BASE_URL)
			.get('/api/v1/channels')
			.matchHeader('x-api-key', TRIGGER_API_KEY)
			.reply(200, { channels: [{ id: 'wa1', channel_type: 'whatsapp', is_active: true, webhook_url: null }] })
			.patch('/api/v1/channels/wa1', (body: { webhook_secret: string }) => {
				registered = body.webhook_secret;
				return true;
			})
			.matchHeader('x-api-key', TRIGGER_API_KEY)
			.reply(200, {});
		expect(await harness.hook('create')).toBe(true);
		expect(registered).toMatch(/^[0-9a-f]{64}$/);
		expect(registered).toBe(deriveWebhookSecret(TRIGGER_API_KEY, harness.workflow.id, 'trigger-node'));
		expect(JSON.stringify(harness.workflow.staticData)).not.toContain(registered);
		expect((await harness.sendSigned(receivedText({ channel_id: 'wa1' }), registered)).started).toBe(true);
		expectRejected(await harness.sendSigned(receivedText(), nodeSigning), 401, 'invalid signature');
	});

	it('never uses a generated secret in manual setup: no secret means every delivery is refused', async () => {
		const harness = new TriggerHarness(received, undefined, { staticData: { 'node:Fiwano Trigger': { generatedSecret: nodeSigning } } });
		expectRejected(await harness.sendSigned(receivedText(), nodeSigning), 401, 'invalid signature');
	});

	it('accepts the previous secret during a rotation, and the new one', async () => {
		const harness = new TriggerHarness({ ...received, secret: nodeSigning, options: { previousSecret: oldSigning } });
		expect((await harness.sendSigned(receivedText(), oldSigning)).started).toBe(true);
		expect((await harness.sendSigned(receivedText(), nodeSigning)).started).toBe(true);
		expectRejected(await harness.sendSigned(receivedText(), credentialSigning), 401, 'invalid signature');
	});

	it('accepts the previous secret alongside the credential secret', async () => {
		const harness = new TriggerHarness(
			{ ...received, options: { previousSecret: oldSigning } },
			{ apiKey: TRIGGER_API_KEY, baseUrl: TRIGGER_BASE_URL, webhookSecret: credentialSigning },
		);
		expect((await harness.sendSigned(receivedText(), oldSigning)).started).toBe(true);
		expect((await harness.sendSigned(receivedText(), credentialSigning)).started).toBe(true);
	});
});

describe('unsigned deliveries', () => {
	it('are refused by default even without any secret configured', async () => {
		const harness = new TriggerHarness(received);
		expectRejected(await harness.send({ raw: JSON.stringify(receivedText()) }), 401, 'invalid signature');
	});

	it('are accepted with Allow Unsigned Deliveries on', async () => {
		const harness = new TriggerHarness({ ...received, options: { allowUnsigned: true } });
		const event = receivedText();
		const delivery = await harness.send({ raw: JSON.stringify(event) });
		expect(delivery.result.workflowData).toEqual([[{ json: event }]]);
	});

	it('still reject a wrong signature with Allow Unsigned Deliveries on', async () => {
		const harness = new TriggerHarness({ ...received, secret: nodeSigning, options: { allowUnsigned: true } });
		expectRejected(await harness.sendSigned(receivedText(), oldSigning), 401, 'invalid signature');
		expect((await harness.sendSigned(receivedText(), nodeSigning)).started).toBe(true);
	});

	it('fall back to the parsed body when n8n kept no raw bytes', async () => {
		const harness = new TriggerHarness({ ...received, options: { allowUnsigned: true } });
		const event = receivedText();
		const delivery = await harness.send({ omitRawBody: true, body: event });
		expect(delivery.result.workflowData).toEqual([[{ json: event }]]);
	});
});

describe('payload shape (after a valid signature)', () => {
	it.each([
		['not JSON', 'event=message.received'],
		['empty', ''],
		['a JSON array', '[{"event":"message.received","channel_id":"c","data":{}}]'],
		['a JSON string', '"message.received"'],
		['null', 'null'],
		['missing event', '{"channel_id":"c","data":{}}'],
		['an empty event', '{"event":"","channel_id":"c","data":{}}'],
		['a numeric event', '{"event":1,"channel_id":"c","data":{}}'],
		['missing channel_id', '{"event":"message.received","data":{}}'],
		['a numeric channel_id', '{"event":"message.received","channel_id":5,"data":{}}'],
		['missing data', '{"event":"message.received","channel_id":"c"}'],
		['data as an array', '{"event":"message.received","channel_id":"c","data":[]}'],
		['data as a string', '{"event":"message.received","channel_id":"c","data":"x"}'],
		['truncated JSON', '{"event":"message.received","channel_id":"c","data":{'],
	])('answers 400 and starts nothing when the body is %s', async (_case, raw) => {
		const harness = new TriggerHarness({ ...received, secret: nodeSigning });
		const delivery = await harness.send({ raw, headers: { 'x-webhook-signature': signBody(nodeSigning, raw) } });
		expectRejected(delivery, 400, 'invalid payload');
	});

	it('answers 401, not 400, to a malformed body that is not signed correctly', async () => {
		const harness = new TriggerHarness({ ...received, secret: nodeSigning });
		const delivery = await harness.send({ raw: 'garbage', headers: { 'x-webhook-signature': signBody(oldSigning, 'garbage') } });
		expectRejected(delivery, 401, 'invalid signature');
	});

	it('answers 400 to an unsigned malformed body when unsigned deliveries are allowed', async () => {
		const harness = new TriggerHarness({ ...received, options: { allowUnsigned: true } });
		expectRejected(await harness.send({ raw: '{"event":"x"}' }), 400, 'invalid payload');
		expectRejected(await harness.send({ omitRawBody: true, body: undefined }), 400, 'invalid payload');
	});
});
