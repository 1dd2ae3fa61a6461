import { API_KEY } from '../helpers/run-node';
import connectChannels from './fixtures/fiwano-connect-channels.json';
import fixture from './fixtures/fiwano-v1-channel.json';
import { errorOf, expectCall, paired, runSaved } from './fiwano-v1-utils';
import type { SavedNode } from './fiwano-v1-utils';

const nodes = fixture.nodes as unknown as Record<string, SavedNode>;
const [generateSetupLink, exchangeCode] = connectChannels.nodes as unknown as SavedNode[];

const CHANNEL = 'a1b2c3d4e5f67890';
const HOOK = 'https://n8n.example.com/webhook/abc';
// Built at runtime: no secret-looking literals in the sources.
const CREDENTIAL_SECRET = ['cred', 'secret', String(6 * 7)].join('-');
const withSecret = {
	apiKey: API_KEY,
	baseUrl: 'https://api.fiwano.test',
	webhookSecret: ` ${CREDENTIAL_SECRET} `,
};

const whatsapp = { id: CHANNEL, channel_type: 'whatsapp', name: 'Shop', is_active: true };
const instagram = { id: 'b2c3d4e5f6789012', channel_type: 'instagram', is_active: false };
const exchanged = {
	channel_id: CHANNEL,
	channel_type: 'whatsapp',
	webhook_url: HOOK,
	webhook_secret: 'generated-by-fiwano',
};

describe('Fiwano v1 > vendor Connect Channels workflow', () => {
	it('"Generate setup link" as shipped (empty Redirect URI) stops at the required field', async () => {
		// n8n refuses to start the run, exactly as with the published node.
		await expect(runSaved(generateSetupLink)).rejects.toThrow(
			'Parameter "Redirect URI" is required',
		);
	});

	it('"Generate setup link" after setup step 4 (URL pasted) POSTs channel_type and redirect_uri', async () => {
		const reply = { setup_url: 'https://fiwano.com/setup/x', expires_at: '2026-07-01T10:00:00Z' };
		const call = expectCall({ method: 'POST', path: '/channels/setup-url', reply });
		const redirectUri = 'https://n8n.example.com/webhook/fiwano-oauth-callback';
		const result = await runSaved({
			...generateSetupLink,
			parameters: { ...generateSetupLink.parameters, redirectUri },
		});
		expect(call.body()).toEqual({ channel_type: 'whatsapp', redirect_uri: redirectUri });
		expect(result.items).toEqual([{ json: reply, pairedItem: paired() }]);
	});

	it('"Exchange code → channel" sends only the code; the output keeps webhook_secret', async () => {
		const call = expectCall({ method: 'POST', path: '/channels/exchange-code', reply: exchanged });
		const result = await runSaved(exchangeCode, {
			input: [{ query: { code: 'code-from-meta' } }],
			credentials: withSecret,
		});
		// No webhook URL: the credential secret is not sent.
		expect(call.body()).toEqual({ code: 'code-from-meta' });
		expect(result.items).toEqual([{ json: exchanged, pairedItem: paired() }]);
	});
});

describe('Fiwano v1/v2 > Channel', () => {
	it('Get Many (default operation) outputs ONE item with the whole list', async () => {
		const reply = { channels: [whatsapp, instagram], total: 2 };
		const call = expectCall({ method: 'GET', path: '/channels', reply, times: 2 });
		const result = await runSaved(nodes.getAll, { input: [{}, {}] });
		expect(call.body()).toBe('');
		expect(result.items).toEqual([
			{ json: reply, pairedItem: paired(0) },
			{ json: reply, pairedItem: paired(1) },
		]);
	});

	it('Get: GET /channels/{id}', async () => {
		const call = expectCall({ method: 'GET', path: `/channels/${CHANNEL}`, reply: whatsapp });
		const result = await runSaved(nodes.get);
		expect(call.body()).toBe('');
		expect(result.items).toEqual([{ json: whatsapp, pairedItem: paired() }]);
	});

	it('Get encodes the ID from an expression in the path', async () => {
		const call = expectCall({ method: 'GET', path: '/channels/a%2Fb%3Fc', reply: { id: 'a/b?c' } });
		const result = await runSaved(nodes.getFromExpression, { input: [{ channel_id: 'a/b?c' }] });
		call.body();
		expect(result.items).toEqual([{ json: { id: 'a/b?c' }, pairedItem: paired() }]);
	});

	it('Get: an API error carries the API detail', async () => {
		expectCall({
			method: 'GET',
			path: `/channels/${CHANNEL}`,
			status: 404,
			reply: { detail: 'Channel not found' },
		});
		const result = await runSaved(nodes.get);
		expect(errorOf(result).message).toMatch(/^Not found: Channel not found/);
		expect(errorOf(result).httpCode).toBe('404');
	});

	it('Generate OAuth URL with a saved channel type', async () => {
		const reply = { setup_url: 'https://fiwano.com/setup/y', expires_at: 'later' };
		const call = expectCall({ method: 'POST', path: '/channels/setup-url', reply });
		const result = await runSaved(nodes.setupUrlInstagram);
		expect(call.body()).toEqual({
			channel_type: 'instagram',
			redirect_uri: 'https://n8n.example.com/webhook/fiwano-oauth-callback',
		});
		expect(result.items).toEqual([{ json: reply, pairedItem: paired() }]);
	});

	it('Exchange: webhook URL pulls in the credential secret (trimmed); [] events dropped; echo_statuses false sent', async () => {
		const call = expectCall({ method: 'POST', path: '/channels/exchange-code', reply: exchanged });
		const result = await runSaved(nodes.exchangeWebhookUrl, { credentials: withSecret });
		expect(call.body()).toEqual({
			code: 'one-time-code',
			webhook_url: HOOK,
			webhook_secret: CREDENTIAL_SECRET,
			echo_statuses: false,
		});
		expect(result.items).toEqual([{ json: exchanged, pairedItem: paired() }]);
	});

	it('Exchange: webhook URL without any secret sends no webhook_secret', async () => {
		const call = expectCall({ method: 'POST', path: '/channels/exchange-code', reply: exchanged });
		await runSaved(nodes.exchangeWebhookUrl);
		expect(call.body()).toEqual({ code: 'one-time-code', webhook_url: HOOK, echo_statuses: false });
	});

	it('Exchange: every field, the node secret wins over the credential', async () => {
		const call = expectCall({ method: 'POST', path: '/channels/exchange-code', reply: exchanged });
		await runSaved(nodes.exchangeAllFields, { credentials: withSecret });
		expect(call.body()).toEqual({
			code: 'one-time-code',
			webhook_url: HOOK,
			webhook_secret: 'node-level-secret',
			webhook_events: ['message.received', 'message.echo'],
			echo_statuses: true,
		});
	});

	it('Exchange: events without a URL, no credential secret', async () => {
		const call = expectCall({ method: 'POST', path: '/channels/exchange-code', reply: exchanged });
		await runSaved(nodes.exchangeSecretOnly, { credentials: withSecret });
		expect(call.body()).toEqual({ code: 'one-time-code', webhook_events: ['message.received'] });
	});

	it('Update: URL + credential secret, an empty events list is sent; output keeps webhook_secret', async () => {
		const reply = {
			id: CHANNEL,
			webhook_url: HOOK,
			webhook_secret: CREDENTIAL_SECRET,
			webhook_events: [],
		};
		const call = expectCall({ method: 'PATCH', path: `/channels/${CHANNEL}`, reply });
		const result = await runSaved(nodes.updateWebhook, { credentials: withSecret });
		expect(call.body()).toEqual({
			webhook_url: HOOK,
			webhook_secret: CREDENTIAL_SECRET,
			webhook_events: [],
		});
		expect(result.items).toEqual([{ json: reply, pairedItem: paired() }]);
	});

	it('Update: Clear Webhook URL wins over the URL and takes no credential secret', async () => {
		const reply = { id: CHANNEL, webhook_url: null };
		const call = expectCall({ method: 'PATCH', path: `/channels/${CHANNEL}`, reply });
		await runSaved(nodes.updateClear, { credentials: withSecret });
		expect(call.body()).toEqual({ webhook_url: '', echo_statuses: false });
	});

	it('Update: Release Subscription Slot sends subscription_id "" and wins over the ID', async () => {
		const call = expectCall({
			method: 'PATCH',
			path: `/channels/${CHANNEL}`,
			reply: { id: CHANNEL },
		});
		await runSaved(nodes.updateReleaseSlot);
		expect(call.body()).toEqual({ subscription_id: '' });
	});

	it('Update: Subscription ID trimmed, explicit secret, echo statuses', async () => {
		const call = expectCall({
			method: 'PATCH',
			path: `/channels/${CHANNEL}`,
			reply: { id: CHANNEL },
		});
		await runSaved(nodes.updateMoveSubscription, { credentials: withSecret });
		expect(call.body()).toEqual({
			subscription_id: 'sub_456',
			webhook_secret: 'explicit-secret',
			echo_statuses: true,
		});
	});

	it('Update with no fields still PATCHes, without a body', async () => {
		const call = expectCall({
			method: 'PATCH',
			path: `/channels/${CHANNEL}`,
			reply: { id: CHANNEL },
		});
		const result = await runSaved(nodes.updateEmpty);
		expect(call.body()).toBe('');
		expect(result.items).toEqual([{ json: { id: CHANNEL }, pairedItem: paired() }]);
	});

	it('Deactivate (delete) outputs the API body as is', async () => {
		const reply = { id: CHANNEL, is_active: false };
		const call = expectCall({ method: 'DELETE', path: `/channels/${CHANNEL}`, reply });
		const result = await runSaved(nodes.delete);
		expect(call.body()).toBe('');
		expect(result.items).toEqual([{ json: reply, pairedItem: paired() }]);
	});

	it('Deactivate with an empty answer outputs an empty item', async () => {
		const call = expectCall({ method: 'DELETE', path: `/channels/${CHANNEL}`, status: 204 });
		const result = await runSaved(nodes.delete);
		call.body();
		expect(result.error).toBeUndefined();
		expect(result.items).toEqual([{ json: {}, pairedItem: paired() }]);
	});
});
