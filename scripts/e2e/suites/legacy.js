// Workflows saved with the published n8n-nodes-fiwano 1.x (fiwano v1/v2, fiwanoTrigger v1), in
// the format the editor saved them (only non-default parameters), imported into a real n8n:
// they load with no unknown parameters, activate, and answer against the sandbox.
'use strict';
const { randomUUID } = require('node:crypto');
const { withCredential } = require('../../dev/n8n-start');
const { legacyOperations, legacyPath } = require('../legacy-operations');

const FIWANO = 'n8n-nodes-fiwano.fiwano';
const TRIGGER = 'n8n-nodes-fiwano.fiwanoTrigger';
const fiwanoCredential = { fiwanoApi: { id: 'placeholder', name: 'Fiwano account' } };

function node(name, type, typeVersion, parameters, position, extra = {}) {
	return { id: randomUUID(), name, type, typeVersion, position, parameters, ...extra };
}

/** One workflow: a GET webhook per legacy operation, each running one fiwano v1/v2 node. */
function operationsWorkflow() {
	const nodes = [];
	const connections = {};
	legacyOperations().forEach(({ key, typeVersion, parameters }, i) => {
		const hook = `Hook ${key}`;
		const op = `Legacy ${key}`;
		nodes.push(
			node(hook, 'n8n-nodes-base.webhook', 2, { httpMethod: 'GET', path: legacyPath(key), responseMode: 'lastNode', responseData: 'allEntries', options: {} }, [0, i * 160], { webhookId: randomUUID() }),
		);
		nodes.push(node(op, FIWANO, typeVersion, parameters, [300, i * 160], { credentials: fiwanoCredential }));
		connections[hook] = { main: [[{ node: op, type: 'main', index: 0 }]] };
	});
	return { name: 'E2E legacy: every published operation', nodes, connections, settings: { executionOrder: 'v1' } };
}

/** The vendor's fiwano-universal-auto-responder.json as 1.0.0+ shipped it. */
function autoResponder() {
	const reply = (name, text) =>
		node(name, FIWANO, 1, { channelId: '={{ $json.channel_id }}', recipient: '={{ $json.data.from }}', text }, [600, 0], { credentials: fiwanoCredential });
	const ifText = node(
		'Is it a text message?',
		'n8n-nodes-base.if',
		2,
		{
			conditions: {
				options: { caseSensitive: true, leftValue: '', typeValidation: 'strict' },
				conditions: [{ id: randomUUID(), leftValue: '={{ $json.data.type }}', rightValue: 'text', operator: { type: 'string', operation: 'equals' } }],
				combinator: 'and',
			},
			options: {},
		},
		[300, 0],
	);
	return {
		name: 'E2E legacy: universal auto-responder (1.x)',
		nodes: [
			node('Fiwano Trigger', TRIGGER, 1, { autoSetup: 'all' }, [0, 0], { webhookId: randomUUID(), credentials: fiwanoCredential }),
			ifText,
			reply('Reply — text echo', '=You said: {{ $json.data.text }}'),
			reply('Reply — attachment info', '=Thanks for the {{ $json.data.type }}!'),
		],
		connections: {
			'Fiwano Trigger': { main: [[{ node: 'Is it a text message?', type: 'main', index: 0 }]] },
			'Is it a text message?': {
				main: [
					[{ node: 'Reply — text echo', type: 'main', index: 0 }],
					[{ node: 'Reply — attachment info', type: 'main', index: 0 }],
				],
			},
		},
		settings: { executionOrder: 'v1' },
	};
}

/** The vendor's fiwano-connect-channels.json, with webhook fields on the code exchange. */
function connectChannels(redirectPath, webhookUrl) {
	return {
		name: 'E2E legacy: connect a client channel (1.x)',
		nodes: [
			node('Get a setup link', 'n8n-nodes-base.webhook', 2, { httpMethod: 'GET', path: `${redirectPath}-start`, responseMode: 'lastNode', options: {} }, [0, 0], { webhookId: randomUUID() }),
			node('Generate setup link', FIWANO, 1, { resource: 'channel', operation: 'setupUrl', redirectUri: '={{ $json.query.redirect }}' }, [300, 0], { credentials: fiwanoCredential }),
			node('OAuth Callback', 'n8n-nodes-base.webhook', 2, { path: redirectPath, responseMode: 'lastNode', options: {} }, [0, 300], { webhookId: randomUUID() }),
			node(
				'Exchange code → channel',
				FIWANO,
				1,
				{
					resource: 'channel',
					operation: 'exchangeCode',
					code: '={{ $json.query.code }}',
					additionalFields: { webhook_url: webhookUrl, webhook_secret: 'legacy-e2e-secret-0123456789', webhook_events: ['message.received', 'message.echo'], echo_statuses: true },
				},
				[300, 300],
				{ credentials: fiwanoCredential },
			),
		],
		connections: {
			'Get a setup link': { main: [[{ node: 'Generate setup link', type: 'main', index: 0 }]] },
			'OAuth Callback': { main: [[{ node: 'Exchange code → channel', type: 'main', index: 0 }]] },
		},
		settings: { executionOrder: 'v1' },
	};
}

/** Names of the parameters a node type version declares (top level), from n8n's own list. */
function declaredParameters(nodeTypes, type, version) {
	const found = nodeTypes.find((t) => t.name === type && [].concat(t.version).includes(version));
	if (!found) throw new Error(`${type} v${version} is not known to this n8n`);
	return new Set(found.properties.map((p) => p.name));
}

async function run(ctx) {
	const { n8n, client, sb, channel, messagesTo, check, assert, waitFor, sleep, ids } = ctx;
	const nodeTypes = (await client.raw('GET', '/types/nodes.json')).json;
	const imported = [];
	const importLegacy = async (workflow) => {
		const created = await client.importWorkflow(withCredential(workflow, n8n.credential));
		imported.push(created.id);
		const back = await client.getWorkflow(created.id);
		for (const saved of back.nodes.filter((x) => x.type === FIWANO || x.type === TRIGGER)) {
			const known = declaredParameters(nodeTypes, saved.type, saved.typeVersion);
			const unknown = Object.keys(saved.parameters).filter((name) => !known.has(name));
			assert(!unknown.length, `${saved.name} (v${saved.typeVersion}): unknown parameters ${unknown.join(', ')}`);
		}
		return created;
	};

	try {
		await check('legacy: fiwano v1, v2 and fiwanoTrigger v1 are offered by this n8n (default versions 3 and 2)', async () => {
			for (const [type, versions] of [[FIWANO, [1, 2, 3]], [TRIGGER, [1, 2]]]) for (const v of versions) declaredParameters(nodeTypes, type, v);
		});

		// --- universal auto-responder: trigger autoSetup "all", replies at the published defaults
		const responder = await importLegacy(autoResponder());
		let hookUrl;
		await check('legacy auto-responder (trigger v1, autoSetup all) loads, activates and wires every active channel', async () => {
			await client.activate(responder.id);
			const wa = await channel(ids.WA);
			hookUrl = wa.webhook_url;
			assert(hookUrl && hookUrl.startsWith(n8n.url), `WhatsApp webhook_url is ${hookUrl}`);
			assert(wa.has_webhook_secret !== false, 'no webhook secret was registered');
			for (const id of [ids.IG, ids.FB]) assert((await channel(id)).webhook_url === hookUrl, `channel ${id} not wired`);
			return hookUrl;
		});
		await check('legacy auto-responder answers a WhatsApp text with Send Text v1 (operation "send" from the default)', async () => {
			await sb('POST', '/_sandbox/inbound', { channel_id: ids.WA, from: '15557770001', text: 'legacy hello' });
			const [reply] = await waitFor('the reply', async () => (await messagesTo(ids.WA, '15557770001')).filter((m) => /legacy hello/.test(m.request.text || '')));
			assert(reply.request.text === 'You said: legacy hello', `reply was "${reply.request.text}"`);
			return `"${reply.request.text}"`;
		});
		await check('legacy auto-responder answers an attachment through its second branch', async () => {
			await sb('POST', '/_sandbox/inbound', { channel_id: ids.WA, from: '15557770002', media: { kind: 'image' } });
			const [reply] = await waitFor('the reply', async () => await messagesTo(ids.WA, '15557770002'));
			assert(reply.request.text === 'Thanks for the image!', `reply was "${reply.request.text}"`);
		});
		await check('legacy auto-responder: a forged delivery gets 401 (a secret was registered on activation)', async () => {
			const body = JSON.stringify({ event: 'message.received', channel_id: ids.WA, channel_type: 'whatsapp', timestamp: new Date().toISOString(), data: { message_id: `wamid.${randomUUID()}`, from: '15557770003', type: 'text', text: 'forged' } });
			const res = await fetch(hookUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
			assert(res.status === 401, `unsigned delivery -> ${res.status}`);
			await sleep(500);
			assert(!(await messagesTo(ids.WA, '15557770003')).length, 'a forged event produced a reply');
		});
		await check('legacy auto-responder deactivates and clears the webhook URL of its channels', async () => {
			await client.deactivate(responder.id);
			await waitFor('channels unwired', async () => {
				for (const id of [ids.WA, ids.IG, ids.FB]) if ((await channel(id)).webhook_url) return false;
				return true;
			});
		});

		// --- connect a client's channel: redirect URI, setup URL, OAuth callback, code exchange
		const redirectPath = `legacy-oauth-${Date.now()}`;
		const callback = `${n8n.url}/webhook/${redirectPath}`;
		const connect = await importLegacy(connectChannels(redirectPath, `${n8n.url}/webhook/legacy-sink`));
		await check('legacy connect-a-channel flow: setup URL, OAuth callback, code exchange with webhook fields', async () => {
			await sb('POST', '/api/v1/redirects', { uri_pattern: callback });
			await client.activate(connect.id);
			const start = await fetch(`${n8n.url}/webhook/${redirectPath}-start?redirect=${encodeURIComponent(callback)}`);
			const link = await start.json();
			assert(start.status === 200 && link.setup_url, `setup link: ${start.status} ${JSON.stringify(link)}`);
			const session = new URL(link.setup_url).searchParams.get('session');
			const done = await sb('POST', '/_sandbox/oauth/complete', { session_id: session });
			const res = await fetch(done.redirect_url);
			const out = await res.json();
			assert(res.status === 200, `callback -> ${res.status} ${JSON.stringify(out)}`);
			const created = await channel(done.channel_id);
			assert(created.webhook_url === `${n8n.url}/webhook/legacy-sink`, `webhook_url ${created.webhook_url}`);
			assert(JSON.stringify(created.webhook_events) === JSON.stringify(['message.received', 'message.echo']), `events ${JSON.stringify(created.webhook_events)}`);
			return `channel ${done.channel_id}`;
		});
		await client.deactivate(connect.id).catch(() => {});

		// --- every published operation once, in the published parameter format
		const ops = await importLegacy(operationsWorkflow());
		await client.activate(ops.id);
		const state = {};
		for (const { key, query, expect } of legacyOperations()) {
			await check(`legacy operation ${key} answers as published`, async () => {
				const params = new URLSearchParams(query ? await query({ state, ids, sb }) : {});
				const res = await fetch(`${n8n.url}/webhook/${legacyPath(key)}?${params}`);
				const text = await res.text();
				let json;
				try {
					json = JSON.parse(text);
				} catch {
					json = text;
				}
				if (res.status !== 200) {
					const last = await client.api('GET', '/executions', undefined, { workflowId: ops.id, includeData: 'true', limit: '1' });
					const err = last.data[0] && last.data[0].data && last.data[0].data.resultData.error;
					throw new Error(`HTTP ${res.status}: ${err ? err.message : text.slice(0, 300)}`);
				}
				return await expect(Array.isArray(json) ? json : [json], { state, ids, sb, channel, assert });
			});
		}
		await client.deactivate(ops.id).catch(() => {});
	} finally {
		for (const id of imported) await client.deactivate(id).catch(() => {});
	}
}

module.exports = { run };
