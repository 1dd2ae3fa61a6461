import { metaErrorFix } from '../../nodes/shared/failedSends';
import autoResponder from './fixtures/fiwano-universal-auto-responder.json';
import fixture from './fixtures/fiwano-v1-message.json';
import { errorOf, expectCall, expectNoApiKey, paired, runSaved } from './fiwano-v1-utils';
import type { SavedNode } from './fiwano-v1-utils';

const nodes = fixture.nodes as unknown as Record<string, SavedNode>;
const [textEcho, attachmentInfo] = autoResponder.nodes as unknown as SavedNode[];

const CHANNEL = 'a1b2c3d4e5f67890';
const SENT = { success: true, message_id: 'wamid.1', status: 'sent' };
const FAILED = {
	success: false,
	message_id: 'wamid.2',
	status: 'failed',
	error: 'Re-engagement message',
	error_code: 131047,
};

const event = (data: Record<string, unknown>) => ({
	event: 'message.received',
	channel_id: CHANNEL,
	channel_type: 'whatsapp',
	data: { from: '15551234567', ...data },
});

describe('Fiwano v1 > vendor Universal Auto-Responder (no resource/operation saved)', () => {
	it('"Reply — text echo" sends a text with the default resource and operation', async () => {
		const call = expectCall({ method: 'POST', path: '/messages/send', reply: SENT });
		const result = await runSaved(textEcho, { input: [event({ type: 'text', text: 'Hi there' })] });
		expect(result.error).toBeUndefined();
		expect(call.body()).toEqual({
			channel_id: CHANNEL,
			recipient: '15551234567',
			text: 'You said: "Hi there" 👋',
		});
		expect(result.items).toEqual([{ json: SENT, pairedItem: paired() }]);
		expectNoApiKey(result);
	});

	it('"Reply — attachment info" describes the media, one request per item in order', async () => {
		const first = expectCall({ method: 'POST', path: '/messages/send', reply: SENT });
		const result = await runSaved(attachmentInfo, {
			input: [event({ type: 'image', media: { media_id: 'm1', mime_type: 'image/jpeg' } })],
		});
		expect(first.body()).toEqual({
			channel_id: CHANNEL,
			recipient: '15551234567',
			text: 'Got your image 📎 — image/jpeg. Thanks!',
		});
		expect(result.items).toEqual([{ json: SENT, pairedItem: paired() }]);
	});
});

describe('Fiwano v1/v2 > Message > Send Text', () => {
	it('explicit operation "send" on version 1', async () => {
		const call = expectCall({ method: 'POST', path: '/messages/send', reply: SENT });
		const result = await runSaved(nodes.sendTextExplicit);
		expect(call.body()).toEqual({ channel_id: CHANNEL, recipient: '15551234567', text: 'Hello' });
		expect(result.items).toEqual([{ json: SENT, pairedItem: paired() }]);
	});

	it('version 2 sends the same request', async () => {
		const call = expectCall({ method: 'POST', path: '/messages/send', reply: SENT });
		const result = await runSaved(nodes.sendTextV2);
		expect(call.body()).toEqual({
			channel_id: CHANNEL,
			recipient: '15551234567',
			text: 'Your order shipped',
		});
		expect(result.items).toEqual([{ json: SENT, pairedItem: paired() }]);
	});

	it('sends a numeric recipient from an expression as text, unchanged (no + stripping)', async () => {
		const one = expectCall({ method: 'POST', path: '/messages/send', reply: SENT });
		const two = expectCall({ method: 'POST', path: '/messages/send', reply: SENT });
		const result = await runSaved(nodes.recipientFromExpression, {
			input: [{ to: 15551234567 }, { to: '+44 20 7946 0958' }],
		});
		expect(one.body()).toEqual({ channel_id: CHANNEL, recipient: '15551234567', text: 'Hi' });
		expect(two.body()).toEqual({ channel_id: CHANNEL, recipient: '+44 20 7946 0958', text: 'Hi' });
		expect(result.items).toEqual([
			{ json: SENT, pairedItem: paired(0) },
			{ json: SENT, pairedItem: paired(1) },
		]);
	});

	it.each([
		[{ to: '' }, 'The Recipient field is empty'],
		[{ to: '   ' }, 'The Recipient field is empty'],
		[{}, 'The Recipient field is empty'],
		[{ to: 'john.doe' }, 'The Recipient "john.doe" contains no digits'],
		[{ to: { from: '155' } }, 'The Recipient field resolved to an object'],
	])('refuses recipient %j locally, naming the field', async (input, message) => {
		const result = await runSaved(nodes.recipientFromExpression, { input: [input] });
		expect(errorOf(result).message).toContain(message);
		expect(errorOf(result).message).toContain('{{ $json.data.from }}');
		expect(result.items).toEqual([]);
	});
});

describe('Fiwano v1/v2 > Message > Send Template', () => {
	it('defaults: language en_US, no variables key', async () => {
		const call = expectCall({ method: 'POST', path: '/messages/send-template', reply: SENT });
		const result = await runSaved(nodes.sendTemplate);
		expect(call.body()).toEqual({
			channel_id: CHANNEL,
			recipient: '15551234567',
			template_name: 'order_confirmation',
			language: 'en_US',
		});
		expect(result.items).toEqual([{ json: SENT, pairedItem: paired() }]);
	});

	it('parses the Variables JSON text', async () => {
		const call = expectCall({ method: 'POST', path: '/messages/send-template', reply: SENT });
		const result = await runSaved(nodes.sendTemplateVariables);
		expect(call.body()).toEqual({
			channel_id: CHANNEL,
			recipient: '15551234567',
			template_name: 'order_update',
			language: 'es',
			variables: { body: ['Ana', '#1042'] },
		});
		expect(result.items).toEqual([{ json: SENT, pairedItem: paired() }]);
	});

	it('invalid Variables JSON: error names the field and shows the form, no request', async () => {
		const result = await runSaved(nodes.sendTemplateBadVariables);
		const { message } = errorOf(result);
		expect(message).toMatch(/^The Variables field is not valid JSON \(.+\)\. Write it like /);
		expect(message).toContain('{"body":["Ana"]}');
	});
});

describe('Fiwano v1/v2 > Message > Send Media', () => {
	it('defaults: media_type image, no caption or filename', async () => {
		const call = expectCall({ method: 'POST', path: '/messages/send-media', reply: SENT });
		const result = await runSaved(nodes.sendMedia);
		expect(call.body()).toEqual({
			channel_id: CHANNEL,
			recipient: '15551234567',
			media_type: 'image',
			media_url: 'https://cdn.example.com/photo.jpg',
		});
		expect(result.items).toEqual([{ json: SENT, pairedItem: paired() }]);
	});

	it('document with caption and filename', async () => {
		const call = expectCall({ method: 'POST', path: '/messages/send-media', reply: SENT });
		const result = await runSaved(nodes.sendMediaDocument);
		expect(call.body()).toEqual({
			channel_id: CHANNEL,
			recipient: '15551234567',
			media_type: 'document',
			media_url: 'https://cdn.example.com/invoice.pdf',
			caption: 'Your invoice',
			filename: 'invoice.pdf',
		});
		expect(result.items).toEqual([{ json: SENT, pairedItem: paired() }]);
	});
});

describe('Fiwano v1/v2 > failed sends (HTTP 200, success false)', () => {
	// The fix is the shared Meta-code table's, so its wording can change without breaking this.
	const expectedMessage = `Send failed: Re-engagement message (Meta error 131047). ${metaErrorFix(131047)}`;

	it('version 1 by default: a normal item with success false', async () => {
		expectCall({ method: 'POST', path: '/messages/send', reply: FAILED });
		const result = await runSaved(textEcho, { input: [event({ type: 'text', text: 'x' })] });
		expect(result.error).toBeUndefined();
		expect(result.items).toEqual([{ json: FAILED, pairedItem: paired() }]);
	});

	it('status "failed" alone also counts; version 1 still returns it as an item', async () => {
		const failedOnly = { message_id: 'wamid.3', status: 'failed' };
		expectCall({ method: 'POST', path: '/messages/send', reply: failedOnly });
		const result = await runSaved(nodes.sendTextExplicit);
		expect(result.items).toEqual([{ json: failedOnly, pairedItem: paired() }]);
	});

	it('version 2 by default: the node fails with the Meta reason and fix in the message', async () => {
		expectCall({ method: 'POST', path: '/messages/send', reply: FAILED });
		const result = await runSaved(nodes.sendTextV2);
		const error = errorOf(result);
		expect(error.message).toBe(expectedMessage);
		expect(error.description).toContain('turn off Error on Failed Send');
		expect(result.items).toEqual([]);
	});

	it('version 1 with Error on Failed Send turned on fails too', async () => {
		expectCall({ method: 'POST', path: '/messages/send', reply: FAILED });
		const result = await runSaved(nodes.sendTextErrorOnFailureV1);
		expect(errorOf(result).message).toBe(expectedMessage);
	});

	it('version 2 with the option turned off returns the item', async () => {
		expectCall({ method: 'POST', path: '/messages/send', reply: FAILED });
		const result = await runSaved(nodes.sendTextFailuresAsItemsV2);
		expect(result.error).toBeUndefined();
		expect(result.items).toEqual([{ json: FAILED, pairedItem: paired() }]);
	});

	it('an unknown Meta code and no reason still give an actionable message', async () => {
		const odd = { success: false, status: 'failed', error_code: 999, message_id: 'w9' };
		expectCall({ method: 'POST', path: '/messages/send', reply: odd });
		const result = await runSaved(nodes.sendTextV2);
		expect(errorOf(result).message).toBe(
			'Send failed: Meta rejected the message (Meta error 999). Fix the cause before sending again: Fiwano does not retry a failed send.',
		);
	});

	it('version 2 under Continue On Fail: the published error object, the next item still sent', async () => {
		expectCall({ method: 'POST', path: '/messages/send', reply: FAILED });
		expectCall({ method: 'POST', path: '/messages/send', reply: SENT });
		const result = await runSaved(nodes.recipientFromExpression, {
			typeVersion: 2,
			continueOnFail: true,
			input: [{ to: '15550000001' }, { to: '15550000002' }],
		});
		expect(result.error).toBeUndefined();
		expect(result.items).toEqual([
			{
				json: {
					error: {
						message: expectedMessage,
						hint: `${metaErrorFix(131047)} To get failed sends as normal items instead, turn off Error on Failed Send.`,
						meta_error: 'Re-engagement message',
						error_code: 131047,
						status: 'failed',
						message_id: 'wamid.2',
						success: false,
					},
				},
				pairedItem: paired(0),
			},
			{ json: SENT, pairedItem: paired(1) },
		]);
	});
});

describe('Fiwano v1/v2 > values the version does not know', () => {
	it('operation "sendText" (a version 3 value) is refused by name', async () => {
		const result = await runSaved(nodes.unknownOperation);
		expect(errorOf(result).message).toBe(
			'The operation "sendText" is not known to Fiwano node version 1. Open the node and pick one of the message operations: send, sendTemplate, sendMedia.',
		);
	});

	it('an unknown resource is refused by name', async () => {
		const result = await runSaved(nodes.unknownResource);
		expect(errorOf(result).message).toBe(
			'The resource "account" is not known to Fiwano node version 2. Open the node and pick one of: channel, contact, media, message, redirect, subscription, template.',
		);
	});

	it('under Continue On Fail the item is { error: message }', async () => {
		const result = await runSaved(nodes.unknownOperation, { continueOnFail: true });
		expect(result.items).toEqual([
			{
				json: { error: expect.stringContaining('The operation "sendText" is not known') },
				pairedItem: paired(),
			},
		]);
	});
});
