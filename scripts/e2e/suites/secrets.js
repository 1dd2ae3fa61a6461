// E2E: no secret in clear in what n8n stores (issue 11, item 2). A Fiwano Trigger v2 on automatic
// setup and a legacy trigger v1 (autoSetup all) are activated, receive signed deliveries from the
// sandbox, and then everything n8n keeps about them is read back: the workflow record with its
// static data (REST and public API), every execution record (public API with data, REST flatted
// data), n8n's database files and its log. Neither the credential's API key nor the webhook secret
// the sandbox holds for the channels may appear in any of them. n8n 1.x copies static data into
// every execution record, which is where a stored secret used to leak.
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const { randomUUID } = require('node:crypto');
const { withCredential } = require('../../dev/n8n-start');

const ROOT = path.resolve(__dirname, '..', '..', '..');
const TRIGGER = 'n8n-nodes-fiwano.fiwanoTrigger';
const DELIVERIES = 3;

function triggerWorkflow(name, typeVersion, parameters) {
	const trigger = {
		id: randomUUID(),
		name: 'Fiwano Trigger',
		type: TRIGGER,
		typeVersion,
		position: [0, 0],
		parameters,
		webhookId: randomUUID(),
		credentials: { fiwanoApi: { id: 'placeholder', name: 'Fiwano account' } },
	};
	const done = {
		id: randomUUID(),
		name: 'Done',
		type: 'n8n-nodes-base.noOp',
		typeVersion: 1,
		position: [240, 0],
		parameters: {},
	};
	return {
		name,
		nodes: [trigger, done],
		connections: { 'Fiwano Trigger': { main: [[{ node: 'Done', type: 'main', index: 0 }]] } },
		settings: { executionOrder: 'v1' },
	};
}

/** Names of the places (label → text) where any of the secrets occurs. */
function leaks(places, secrets) {
	const found = [];
	for (const [label, text] of Object.entries(places))
		for (const [what, secret] of Object.entries(secrets))
			if (text.includes(secret)) found.push(`${what} in ${label}`);
	return found;
}

/** n8n's database files and log, as latin1 text (bytes preserved, so an ASCII secret is found). */
function storedFiles(folder, logFile) {
	const out = {};
	const dir = path.join(folder, '.n8n');
	for (const file of fs.existsSync(dir) ? fs.readdirSync(dir) : [])
		if (/^database\.sqlite/.test(file))
			out[`file .n8n/${file}`] = fs.readFileSync(path.join(dir, file)).toString('latin1');
	if (logFile && fs.existsSync(logFile)) out['n8n log'] = fs.readFileSync(logFile, 'latin1');
	return out;
}

/** ctx: see scripts/e2e/suites/README.md. */
async function run(ctx) {
	const { check, assert, waitFor, sb, client, n8n, sandbox, channel } = ctx;
	const { WA, IG, FB } = ctx.ids;
	const { deriveWebhookSecret } = require(
		path.join(ROOT, 'dist', 'nodes', 'shared', 'derivedSecret.js'),
	);
	const apiKey = sandbox.apiKey;

	const finished = async (id, count) =>
		waitFor(`${count} finished executions`, async () => {
			const list =
				(await client.api('GET', '/executions', undefined, { workflowId: id, limit: '100' }))
					.data || [];
			return list.length >= count &&
				list.every((e) => e.finished || e.status === 'success' || e.status === 'error')
				? list
				: undefined;
		});

	/** Everything n8n stores about the workflow, as text per place. */
	const storedRecords = async (id) => {
		const places = {};
		const rest = await client.raw('GET', `/rest/workflows/${id}`);
		assert(rest.status === 200, `GET /rest/workflows/${id} -> ${rest.status}`);
		places['workflow record (REST)'] = rest.text;
		const pub = await client.raw('GET', `/api/v1/workflows/${id}`, {
			headers: { 'X-N8N-API-KEY': client.apiKey },
		});
		assert(pub.status === 200, `GET /api/v1/workflows/${id} -> ${pub.status}`);
		places['workflow record (public API)'] = pub.text;
		const list = await client.raw('GET', '/api/v1/executions', {
			headers: { 'X-N8N-API-KEY': client.apiKey },
			query: { workflowId: id, includeData: 'true', limit: '100' },
		});
		assert(list.status === 200, `GET /api/v1/executions -> ${list.status}`);
		places['executions with data (public API)'] = list.text;
		for (const e of list.json.data || []) {
			const one = await client.raw('GET', `/rest/executions/${e.id}`);
			assert(one.status === 200, `GET /rest/executions/${e.id} -> ${one.status}`);
			places[`execution ${e.id} (REST, flatted)`] = one.text;
		}
		return {
			places,
			staticData:
				(pub.json && pub.json.staticData) ||
				(rest.json && rest.json.data && rest.json.data.staticData),
			executions: list.json.data || [],
		};
	};

	/**
	 * One trigger: import, activate, read the secret the sandbox registered, deliver, then scan.
	 * `expectStatic` names a key the trigger's static data must hold (proves the scan sees it).
	 */
	const scenario = async (label, typeVersion, parameters, expectStatic) => {
		let wf;
		const secrets = { 'API key': apiKey };
		try {
			await check(
				`${label}: activates on automatic setup and registers a derived webhook secret`,
				async () => {
					wf = await client.importWorkflow(
						withCredential(
							triggerWorkflow(`E2E secrets: ${label}`, typeVersion, parameters),
							n8n.credential,
						),
					);
					await client.activate(wf.id);
					const node = wf.nodes.find((x) => x.type === TRIGGER);
					const expected = deriveWebhookSecret(apiKey, wf.id, node.id);
					for (const id of [WA, IG, FB]) {
						const out = await channel(id);
						assert(
							out.webhook_url && out.webhook_url.startsWith(n8n.url),
							`channel ${id} webhook_url is ${out.webhook_url}`,
						);
						const registered = sandbox.state.channels.get(id).webhook_secret;
						assert(
							typeof registered === 'string' && registered.length >= 16,
							`channel ${id} has no webhook secret in the sandbox`,
						);
						assert(
							registered === expected,
							`channel ${id}: the registered secret is not the one derived from the credential`,
						);
						secrets[`webhook secret of ${id}`] = registered;
					}
					return 'derived from the API key, workflow and node IDs';
				},
			);
			if (!wf) return;

			await check(
				`${label}: ${DELIVERIES} signed deliveries start ${DELIVERIES} successful executions`,
				async () => {
					for (let i = 0; i < DELIVERIES; i++) {
						const { delivery } = await sb('POST', '/_sandbox/inbound', {
							channel_id: i === 1 ? IG : WA,
							from: i === 1 ? '6543217890123456' : '15553330000',
							text: `secrets ${label} ${i}`,
						});
						assert(
							delivery && delivery.delivered && delivery.attempts[0].status === 200,
							`delivery ${i}: ${JSON.stringify(delivery && delivery.attempts)}`,
						);
					}
					const list = await finished(wf.id, DELIVERIES);
					assert(list.length === DELIVERIES, `${list.length} executions`);
					assert(
						list.every((e) => e.status === 'success'),
						`statuses ${list.map((e) => e.status).join(', ')}`,
					);
				},
			);

			await check(
				`${label}: neither the API key nor the webhook secret is in the workflow, its static data, executions, database or log`,
				async () => {
					const { places, staticData, executions } = await storedRecords(wf.id);
					// The scan must see real data: the deliveries' texts and the trigger's static data.
					const all = Object.values(places).join('\n');
					for (let i = 0; i < DELIVERIES; i++)
						assert(
							all.includes(`secrets ${label} ${i}`),
							`the executions read back lack delivery ${i}`,
						);
					const nodeStatic = staticData && staticData['node:Fiwano Trigger'];
					if (expectStatic)
						assert(
							nodeStatic && nodeStatic[expectStatic],
							`static data lacks ${expectStatic}: ${JSON.stringify(staticData)}`,
						);
					const files = storedFiles(n8n.folder, n8n.logFile);
					const dbText = Object.entries(files)
						.filter(([k]) => k.startsWith('file '))
						.map(([, v]) => v)
						.join('\n');
					assert(
						dbText.includes(`secrets ${label} 0`),
						'the database files read back lack the first delivery',
					);
					const found = leaks({ ...places, ...files }, secrets);
					assert(!found.length, `found ${found.join('; ')}`);
					const copied = executions.filter((e) =>
						JSON.stringify(e).includes('node:Fiwano Trigger'),
					).length;
					return `${Object.keys(places).length} records, ${executions.length} executions (${copied} carry the static data), static data keys: ${Object.keys(nodeStatic || {}).join(', ') || 'none'}`;
				},
			);
		} finally {
			if (wf) {
				await check(
					`${label}: deactivates, unwires the channels, and stores no secret after deactivation either`,
					async () => {
						await client.deactivate(wf.id);
						await waitFor('channels unwired', async () => {
							for (const id of [WA, IG, FB]) if ((await channel(id)).webhook_url) return false;
							return true;
						});
						const { places } = await storedRecords(wf.id);
						const found = leaks({ ...places, ...storedFiles(n8n.folder, n8n.logFile) }, secrets);
						assert(!found.length, `found ${found.join('; ')}`);
					},
				);
			}
		}
	};

	await scenario(
		'trigger v2, all channels',
		2,
		{ events: ['message.received'], webhookSetup: 'allChannels', options: {} },
		'registrations',
	);
	await scenario('legacy trigger v1, autoSetup all', 1, { autoSetup: 'all' });

	// Control: the same scan finds a secret typed into the node's own field, which n8n stores
	// unencrypted (the field says so and recommends the credential's Webhook Secret).
	await check(
		'control: the scan finds a secret typed into the trigger v2 Webhook Secret field (stored unencrypted, as documented)',
		async () => {
			const typed = `typed-${randomUUID()}`;
			const wf = await client.importWorkflow(
				withCredential(
					triggerWorkflow('E2E secrets: typed field', 2, {
						events: ['message.received'],
						webhookSetup: 'manual',
						secret: typed,
						options: {},
					}),
					n8n.credential,
				),
			);
			const { places } = await storedRecords(wf.id);
			const found = leaks({ ...places, ...storedFiles(n8n.folder) }, { 'typed secret': typed });
			assert(
				found.some((f) => f.includes('workflow record')) &&
					found.some((f) => f.includes('database')),
				`the scan missed it: ${found.join('; ') || 'nothing found'}`,
			);
			await client.rest('DELETE', `/workflows/${wf.id}`).catch(() => {});
			return found.join('; ');
		},
	);
}

module.exports = { run };
