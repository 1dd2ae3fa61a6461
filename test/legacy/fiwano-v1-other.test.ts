import fixture from './fixtures/fiwano-v1-other.json';
import autoResponder from './fixtures/fiwano-universal-auto-responder.json';
import { API_KEY } from '../helpers/run-node';
import { errorOf, expectCall, expectNoApiKey, paired, runSaved } from './fiwano-v1-utils';
import type { SavedNode } from './fiwano-v1-utils';

const nodes = fixture.nodes as unknown as Record<string, SavedNode>;
const [textEcho] = autoResponder.nodes as unknown as SavedNode[];

const BYTES = Buffer.from([0x25, 0x50, 0x44, 0x46, 0x2d, 0x00, 0xff, 0xfe, 0x80, 0x0a]);

describe('Fiwano v1/v2 > Contact, Redirect, Subscription', () => {
	it('Contact > Get Profile (default operation)', async () => {
		const reply = { profile: { name: 'Ana', username: 'ana.s' } };
		const call = expectCall({
			method: 'GET',
			path: '/channels/b2c3d4e5f6789012/profile/6543217890123456',
			reply,
		});
		const result = await runSaved(nodes.contactGetProfile);
		expect(call.body()).toBe('');
		expect(result.items).toEqual([{ json: reply, pairedItem: paired() }]);
	});

	it('Redirect > Get Many (default operation): ONE item { redirects }', async () => {
		const reply = { redirects: [{ id: 'rd_1', uri_pattern: 'https://a.example.com/cb' }] };
		const call = expectCall({ method: 'GET', path: '/redirects', reply });
		const result = await runSaved(nodes.redirectGetAll);
		expect(call.body()).toBe('');
		expect(result.items).toEqual([{ json: reply, pairedItem: paired() }]);
	});

	it('Redirect > Add POSTs uri_pattern', async () => {
		const reply = { id: 'rd_2', uri_pattern: 'https://*.example.com/callback' };
		const call = expectCall({ method: 'POST', path: '/redirects', reply });
		const result = await runSaved(nodes.redirectAdd);
		expect(call.body()).toEqual({ uri_pattern: 'https://*.example.com/callback' });
		expect(result.items).toEqual([{ json: reply, pairedItem: paired() }]);
	});

	it('Redirect > Delete outputs the API body as is', async () => {
		const call = expectCall({ method: 'DELETE', path: '/redirects/rd_1', reply: { ok: true } });
		const result = await runSaved(nodes.redirectDelete);
		expect(call.body()).toBe('');
		expect(result.items).toEqual([{ json: { ok: true }, pairedItem: paired() }]);
	});

	it('a JSON array answer gives one item per element, all paired with the input', async () => {
		const reply = [{ id: 'rd_1' }, { id: 'rd_2' }];
		const call = expectCall({ method: 'GET', path: '/redirects', reply });
		const result = await runSaved(nodes.redirectGetAll);
		call.body();
		expect(result.items).toEqual([
			{ json: { id: 'rd_1' }, pairedItem: paired() },
			{ json: { id: 'rd_2' }, pairedItem: paired() },
		]);
	});

	it('Subscription > Get Many (default operation): ONE item with the whole answer', async () => {
		const reply = { subscriptions: [{ id: 'sub_1', tier: 'pro', slots: { whatsapp: 1 } }] };
		const call = expectCall({ method: 'GET', path: '/subscriptions', reply });
		const result = await runSaved(nodes.subscriptionGetAll);
		expect(call.body()).toBe('');
		expect(result.items).toEqual([{ json: reply, pairedItem: paired() }]);
	});
});

describe('Fiwano v1/v2 > Media > Download', () => {
	it('json holds only media_id; file in "data" with the MIME type and file name of the answer', async () => {
		const call = expectCall({
			method: 'GET',
			path: '/media/m1b2',
			reply: BYTES,
			replyHeaders: {
				'Content-Type': 'application/pdf; charset=binary',
				'Content-Disposition': 'attachment; filename="invoice 7.pdf"',
			},
		});
		const result = await runSaved(nodes.mediaDownload, {
			input: [{ data: { media: { media_id: 'm1b2' } } }],
		});
		call.body();
		expect(result.error).toBeUndefined();
		expect(result.items).toEqual([
			{
				json: { media_id: 'm1b2' },
				binary: {
					data: expect.objectContaining({
						data: BYTES.toString('base64'),
						mimeType: 'application/pdf',
						fileName: 'invoice 7.pdf',
					}),
				},
				pairedItem: paired(),
			},
		]);
	});

	it('custom binary property, encoded ID, RFC 5987 name, no Content-Type → octet-stream', async () => {
		const call = expectCall({
			method: 'GET',
			path: '/media/m%2F2',
			reply: BYTES,
			replyHeaders: { 'Content-Disposition': "attachment; filename*=UTF-8''Nota%20%C3%A9.ogg" },
		});
		const result = await runSaved(nodes.mediaDownloadCustomField);
		call.body();
		expect(result.items).toEqual([
			{
				json: { media_id: 'm/2' },
				binary: {
					voice: expect.objectContaining({
						data: BYTES.toString('base64'),
						mimeType: 'application/octet-stream',
						fileName: 'Nota é.ogg',
					}),
				},
				pairedItem: paired(),
			},
		]);
	});

	it('410: the API detail and the fix, never the key', async () => {
		expectCall({
			method: 'GET',
			path: '/media/m1b2',
			status: 410,
			reply: { detail: 'Removed at the sender request' },
		});
		const result = await runSaved(nodes.mediaDownload, {
			input: [{ data: { media: { media_id: 'm1b2' } } }],
		});
		const error = errorOf(result);
		// The wording is the shared error mapper's; the API detail must be in it, then the fix.
		expect(error.message).toBe(
			'Media file expired or unavailable: Removed at the sender request. Download media within 60 minutes of the event.',
		);
		expect(error.httpCode).toBe('410');
		expectNoApiKey(result);
	});
});

describe('Fiwano v1/v2 > credential and errors', () => {
	// n8n's CredentialsHelper.getDecrypted fills missing credential fields from their defaults
	// (applyDefaultsAndOverwrites -> NodeHelpers.getNodeParameters); the test helper does the same.
	it('a credential saved by the published package (no Base URL) reaches https://fiwano.com', async () => {
		const sent = { success: true, message_id: 'w1', status: 'sent' };
		const call = expectCall({
			baseUrl: 'https://fiwano.com',
			method: 'POST',
			path: '/messages/send',
			reply: sent,
		});
		const result = await runSaved(textEcho, {
			credentials: { apiKey: API_KEY, webhookSecret: '' },
			input: [{ channel_id: 'c1', data: { from: '15551234567', text: 'yo' } }],
		});
		expect(call.body()).toEqual({
			channel_id: 'c1',
			recipient: '15551234567',
			text: 'You said: "yo" 👋',
		});
		expect(result.items).toEqual([{ json: sent, pairedItem: paired() }]);
	});

	it('an empty Base URL also falls back to https://fiwano.com', async () => {
		const call = expectCall({
			baseUrl: 'https://fiwano.com',
			method: 'GET',
			path: '/subscriptions',
			reply: { subscriptions: [] },
		});
		const result = await runSaved(nodes.subscriptionGetAll, {
			credentials: { apiKey: API_KEY, baseUrl: '', webhookSecret: '' },
		});
		call.body();
		expect(result.items).toEqual([{ json: { subscriptions: [] }, pairedItem: paired() }]);
	});

	it('an HTTP error under Continue On Fail: { error: message } for that item, the next one runs', async () => {
		expectCall({
			method: 'GET',
			path: '/redirects',
			status: 401,
			reply: { detail: 'Invalid API key' },
		});
		expectCall({ method: 'GET', path: '/redirects', reply: { redirects: [] } });
		const result = await runSaved(nodes.redirectGetAll, {
			continueOnFail: true,
			input: [{}, {}],
		});
		expect(result.items).toEqual([
			{
				json: { error: expect.stringMatching(/^Fiwano rejected the API key/) },
				pairedItem: paired(0),
			},
			{ json: { redirects: [] }, pairedItem: paired(1) },
		]);
		expectNoApiKey(result);
	});

	it('an HTTP error on a send fails the node even on version 1', async () => {
		expectCall({
			method: 'POST',
			path: '/messages/send',
			status: 422,
			reply: { detail: [{ loc: ['body', 'text'], msg: 'field required' }] },
		});
		const result = await runSaved(textEcho, {
			input: [{ channel_id: 'c1', data: { from: '15551234567', text: 'yo' } }],
		});
		expect(errorOf(result).message).toContain('text: field required');
	});
});
