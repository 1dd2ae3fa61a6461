// Trigger latency in one real n8n (2.41.1): n8n's Webhook node, a do-nothing community trigger
// (fixtures/n8n-nodes-bench-noop) and the Fiwano Trigger v2 (automatic setup, derived secret),
// each request with a distinct message id so every one starts an execution; plus the Fiwano
// Trigger answering a duplicate delivery from its dedup cache. Requests are sequential, in an
// order rotated each round (same instance state for all): back-to-back and idle over one
// keep-alive connection, and back-to-back on a new connection per request. Used by
// scripts/bench/run.js; returns sorted client-side latencies.
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const http = require('node:http');
const crypto = require('node:crypto');
const { spawnSync } = require('node:child_process');
const { performance } = require('node:perf_hooks');
const { startN8n } = require('../dev/n8n-start');

const ROOT = path.resolve(__dirname, '..', '..');
const FIXTURE = path.join(__dirname, 'fixtures', 'n8n-nodes-bench-noop');
const { createSandbox } = require(path.join(ROOT, 'test', 'sandbox', 'server'));
const WA = 'a1b2c3d4e5f67890';
const GAP_MS = 100;
const uuid = () => crypto.randomUUID();

/** Installs the fixture package beside the Fiwano package, as n8n installs community packages. */
function installFixture(folder) {
	const nodesDir = path.join(folder, '.n8n', 'nodes');
	const pack = spawnSync('npm', ['pack', FIXTURE, '--pack-destination', folder, '--silent'], {
		encoding: 'utf8',
	});
	if (pack.status !== 0) throw new Error(`npm pack of the fixture failed: ${pack.stderr}`);
	const tarball = path.join(folder, pack.stdout.trim().split('\n').pop());
	const r = spawnSync(
		'npm',
		['install', tarball, '--ignore-scripts', '--no-audit', '--no-fund', '--no-package-lock'],
		{ cwd: nodesDir, encoding: 'utf8' },
	);
	if (r.status !== 0) throw new Error(`installing the fixture failed: ${r.stderr}`);
}

function node(name, type, typeVersion, parameters, position, extra = {}) {
	return { id: uuid(), name, type, typeVersion, position, parameters, ...extra };
}

function workflow(name, trigger) {
	const done = node('Done', 'n8n-nodes-base.noOp', 1, {}, [240, 0]);
	return {
		name,
		settings: { executionOrder: 'v1' },
		nodes: [trigger, done],
		connections: { [trigger.name]: { main: [[{ node: 'Done', type: 'main', index: 0 }]] } },
	};
}

function workflows(credential) {
	const cred = { fiwanoApi: { id: credential.id, name: credential.name } };
	return {
		webhook: workflow(
			'Bench: n8n Webhook',
			node(
				'Webhook',
				'n8n-nodes-base.webhook',
				2,
				{ httpMethod: 'POST', path: 'bench-plain', responseMode: 'onReceived', options: {} },
				[0, 0],
				{ webhookId: uuid() },
			),
		),
		noop: workflow(
			'Bench: do-nothing trigger',
			node('Noop', 'n8n-nodes-bench-noop.benchNoopTrigger', 2, {}, [0, 0], { webhookId: uuid() }),
		),
		fiwano: workflow(
			'Bench: Fiwano Trigger',
			node(
				'Fiwano Trigger',
				'n8n-nodes-fiwano.fiwanoTrigger',
				2,
				{ events: ['message.received'], webhookSetup: 'allChannels', options: {} },
				[0, 0],
				{ webhookId: uuid(), credentials: cred },
			),
		),
	};
}

function event(secret) {
	const body = JSON.stringify({
		event: 'message.received',
		channel_id: WA,
		channel_type: 'whatsapp',
		timestamp: new Date().toISOString(),
		data: {
			message_id: `wamid.${uuid()}`,
			from: '15551234567',
			from_name: 'Bench',
			type: 'text',
			text: 'bench',
		},
	});
	const sig = `sha256=${crypto.createHmac('sha256', secret).update(body).digest('hex')}`;
	return { body, headers: { 'content-type': 'application/json', 'x-webhook-signature': sig } };
}

/** One POST; ms from the request until the response's last byte. */
function post(agent, url, { headers, body }) {
	return new Promise((resolve, reject) => {
		const t = performance.now();
		const req = http.request(
			url,
			{ method: 'POST', agent, headers: { ...headers, 'content-length': Buffer.byteLength(body) } },
			(res) => {
				res.resume();
				res.on('end', () =>
					res.statusCode === 200
						? resolve(performance.now() - t)
						: reject(new Error(`${url} -> ${res.statusCode}`)),
				);
			},
		);
		req.on('error', reject);
		req.end(body);
	});
}

/** Executions n8n recorded for a workflow (REST count). */
async function executionCount(client, workflowId) {
	const r = await client.rest('GET', '/executions', undefined, {
		filter: JSON.stringify({ workflowId }),
		limit: '1',
	});
	return r.count;
}

/**
 * One n8n with env, all three triggers active. After 20 warm-up rounds: `rounds` back-to-back
 * rounds over one keep-alive connection, `rounds / 2` with a pause before each request (an idle
 * instance), `rounds / 2` back-to-back on a new connection per request.
 * Returns { version, series: { 'trigger|mode': sorted ms }, executions }.
 */
async function measure({ env, rounds }) {
	const sandbox = createSandbox({ autoStatus: false, rateLimit: '100000/60s' });
	const { url: sandboxUrl } = await sandbox.start(0);
	const n8n = await startN8n({
		fiwanoBaseUrl: sandboxUrl,
		fiwanoApiKey: sandbox.apiKey,
		importExamples: false,
		beforeStart: installFixture,
		env: { N8N_LOG_LEVEL: 'error', ...env },
	});
	try {
		const version = JSON.parse(
			fs.readFileSync(
				path.join(path.dirname(n8n.child.spawnargs[1]), '..', 'package.json'),
				'utf8',
			),
		).version;
		const wfs = workflows(n8n.credential);
		const ids = {};
		for (const [key, wf] of Object.entries(wfs)) {
			ids[key] = (await n8n.client.importWorkflow(wf)).id;
			await n8n.client.activate(ids[key]);
		}
		const secret = sandbox.state.channels.get(WA).webhook_secret;
		if (!secret || !sandbox.state.channels.get(WA).webhook_url)
			throw new Error('the Fiwano Trigger did not wire the WhatsApp channel');
		const urls = {
			webhook: `${n8n.url}/webhook/bench-plain`,
			noop: `${n8n.url}/webhook/${wfs.noop.nodes[0].webhookId}/webhook`,
			fiwano: `${n8n.url}/webhook/${wfs.fiwano.nodes[0].webhookId}/webhook`,
		};
		const series = {};
		const counts = { webhook: 0, noop: 0, fiwano: 0 };
		let previous = event(secret);
		await post(undefined, urls.fiwano, previous);
		counts.fiwano++;
		const pause = (ms) => new Promise((r) => setTimeout(r, ms));
		let turn = 0;
		const round = async ({ agent, label, gapMs }, record) => {
			const send = async (key, url, req) => {
				if (gapMs) await pause(gapMs);
				const ms = await post(agent, url, req);
				if (record) (series[`${key}|${label}`] ||= []).push(ms);
			};
			const fresh = event(secret);
			// The delivery of the round before, again: answered from the dedup cache.
			const duplicate = previous;
			const sends = [
				() => send('webhook', urls.webhook, event(secret)),
				() => send('noop', urls.noop, event(secret)),
				() => send('fiwano', urls.fiwano, fresh),
				() => send('fiwano duplicate', urls.fiwano, duplicate),
			];
			// Rotated each round, so each request follows every other kind equally often (a request
			// pays for the background work of the execution before it).
			for (let k = 0; k < sends.length; k++) await sends[(k + turn) % sends.length]();
			turn++;
			previous = fresh;
			for (const key of Object.keys(counts)) counts[key]++;
		};
		const keepAlive = new http.Agent({ keepAlive: true, maxSockets: 1 });
		const modes = [
			{ agent: keepAlive, label: 'back-to-back', gapMs: 0, rounds },
			{
				agent: keepAlive,
				label: `idle (${GAP_MS} ms between requests)`,
				gapMs: GAP_MS,
				rounds: Math.ceil(rounds / 2),
			},
			{
				agent: false,
				label: 'back-to-back, new connection each',
				gapMs: 0,
				rounds: Math.ceil(rounds / 2),
			},
		];
		for (let i = 0; i < 20; i++) await round(modes[0], false);
		for (const mode of modes) for (let i = 0; i < mode.rounds; i++) await round(mode, true);
		keepAlive.destroy();
		for (const list of Object.values(series)) list.sort((a, b) => a - b);
		await new Promise((r) => setTimeout(r, 3000)); // let the last executions finish
		const executions = {};
		for (const key of Object.keys(ids))
			executions[key] = {
				requests: counts[key],
				recorded: await executionCount(n8n.client, ids[key]),
			};
		for (const id of Object.values(ids)) await n8n.client.deactivate(id).catch(() => {});
		return { version, series, executions };
	} finally {
		await n8n.stop();
		await sandbox.stop();
	}
}

module.exports = { measure };
