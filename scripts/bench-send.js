#!/usr/bin/env node
'use strict';
/**
 * Bulk-send benchmark (a script, not a timed test): N Send Text items through the BUILT node
 * (dist/, run `npx n8n-node build` first) and n8n-core's WorkflowExecute, against the local
 * sandbox with a rate limit. Prints lost / duplicated / out-of-order messages and wall time
 * against the floor the limit allows.
 *
 *   node scripts/bench-send.js                                   # 300 sends, 100 per 60 s (~2 min)
 *   node scripts/bench-send.js --limit 10 --window-ms 2000 --count 30   # scaled, a few seconds
 *   node scripts/bench-send.js --rates 100/60s,600/60s,20/1s           # each documented limit, 3 windows of sends
 *
 * Fiwano's documents disagree on the quota (100/min, ~600/min, 20/s per key); the node follows
 * Retry-After and hard-codes none, so the bench runs at any of them.
 */
const path = require('node:path');
const { ExecutionLifecycleHooks, WorkflowExecute, Credentials, DirectoryLoader } = require('n8n-core');
const { ICredentialsHelper, NodeHelpers, Workflow } = require('n8n-workflow');

const root = path.join(__dirname, '..');
const { createSandbox } = require(path.join(root, 'test/sandbox/server'));
const { Fiwano } = require(path.join(root, 'dist/nodes/Fiwano/Fiwano.node.js'));
const { FiwanoApi } = require(path.join(root, 'dist/credentials/FiwanoApi.credentials.js'));

/** "600/60s", "20/1s", "100/1m" -> { limit, windowMs } */
function parseRate(spec) {
	const match = /^(\d+)\/(\d+)(ms|s|m)$/.exec(spec.trim());
	if (!match) throw new Error(`rate "${spec}" is not like 100/60s`);
	const unit = { ms: 1, s: 1000, m: 60000 }[match[3]];
	return { limit: Number(match[1]), windowMs: Number(match[2]) * unit };
}

function arg(name, fallback) {
	const at = process.argv.indexOf(`--${name}`);
	return at > 0 ? Number(process.argv[at + 1]) : fallback;
}
const count = arg('count', 300);
const limit = arg('limit', 100);
const windowMs = arg('window-ms', 60000);

class CredentialsHelper extends ICredentialsHelper {
	constructor(data) {
		super();
		this.data = data;
	}
	getParentTypes() { return []; }
	isCredentialUsableByNode() { return true; }
	async authenticate(credentials, _type, options) {
		options.headers = { ...(options.headers || {}), 'X-API-Key': credentials.apiKey };
		return options;
	}
	async preAuthentication() { return undefined; }
	async runPreAuthentication() { return undefined; }
	async getCredentials() { return new Credentials({ id: null, name: '' }, '', ''); }
	async getDecrypted() { return { ...this.data }; }
	async updateCredentials() {}
	async updateCredentialsOauthTokenData() {}
	getCredentialsProperties() { return new FiwanoApi().properties; }
}

class Input {
	constructor() {
		this.description = { displayName: 'Input', name: 'input', group: ['input'], version: 1, description: '', defaults: { name: 'Input' }, inputs: ['main'], outputs: ['main'], properties: [] };
	}
	async execute() { return [this.getInputData()]; }
}

async function runNode(baseUrl, apiKey, channelId, texts) {
	// The versioned entry as n8n loads it; the bench runs the current version (3).
	const entry = new Fiwano();
	for (const version of Object.values(entry.nodeVersions)) DirectoryLoader.applyDeclarativeNodeOptionParameters(version);
	const fiwano = entry.getNodeType(3);
	const types = { 'bench.input': new Input(), 'n8n-nodes-fiwano.fiwano': entry };
	const nodeTypes = {
		getByName: (name) => types[name],
		getByNameAndVersion: (name, version) => NodeHelpers.getVersionedNodeType(types[name], version),
		getKnownTypes: () => ({}),
	};
	const parameters = NodeHelpers.getNodeParameters(fiwano.description.properties, {
		resource: 'message',
		operation: 'sendText',
		channelId: { __rl: true, mode: 'id', value: channelId },
		recipient: '15551234567',
		text: '={{ $json.text }}',
	}, true, false, null, fiwano.description);
	const workflow = new Workflow({
		id: 'bench', name: 'bench', active: false, nodeTypes, settings: { executionOrder: 'v1' },
		nodes: [
			{ id: 'i', name: 'Input', type: 'bench.input', typeVersion: 1, position: [0, 0], parameters: {} },
			{ id: 'f', name: 'Fiwano', type: 'n8n-nodes-fiwano.fiwano', typeVersion: 3, position: [200, 0], parameters, credentials: { fiwanoApi: { id: '1', name: 'Fiwano' } } },
		],
		connections: { Input: { main: [[{ node: 'Fiwano', type: 'main', index: 0 }]] } },
	});
	const hooks = new ExecutionLifecycleHooks('manual', '1', { id: 'bench', name: 'bench', active: false, nodes: [], connections: {} });
	let finished;
	const done = new Promise((resolve) => (finished = resolve));
	hooks.addHandler('workflowExecuteAfter', (run) => finished(run));
	const additionalData = {
		executionId: '1', hooks, variables: {}, userId: 'bench', restApiUrl: 'http://localhost/rest',
		instanceBaseUrl: 'http://localhost/', webhookBaseUrl: 'http://localhost/webhook',
		webhookTestBaseUrl: 'http://localhost/webhook-test', webhookWaitingBaseUrl: 'http://localhost/webhook-waiting',
		formWaitingBaseUrl: 'http://localhost/form-waiting',
		credentialsHelper: new CredentialsHelper({ apiKey, baseUrl }),
	};
	const runData = {
		resultData: { runData: {} },
		executionData: {
			contextData: {}, metadata: {}, waitingExecution: {}, waitingExecutionSource: {},
			nodeExecutionStack: [{ node: workflow.getNode('Input'), data: { main: [texts.map((text) => ({ json: { text } }))] }, source: null }],
		},
	};
	await new WorkflowExecute(additionalData, 'manual', runData).processRunExecutionData(workflow);
	const run = await done;
	const task = run.data.resultData.runData.Fiwano[0];
	return { items: (task.data && task.data.main[0]) || [], error: task.error };
}

async function main() {
	const ratesAt = process.argv.indexOf('--rates');
	if (ratesAt < 0) return await benchAt(count, limit, windowMs);
	let failed = 0;
	for (const spec of process.argv[ratesAt + 1].split(',')) {
		const rate = parseRate(spec);
		process.stdout.write(`\n== ${spec}\n`);
		failed += await benchAt(arg('count', 3 * rate.limit), rate.limit, rate.windowMs);
	}
	process.exitCode = failed ? 1 : 0;
}

/** One run: `count` sends under `limit` per `windowMs`; prints the table, returns 1 on a loss. */
async function benchAt(count, limit, windowMs) {
	const sandbox = createSandbox({ rateLimit: { limit, windowMs }, autoStatus: false });
	const { url } = await sandbox.start(0);
	const channelId = sandbox.ids.whatsapp || 'a1b2c3d4e5f67890';
	const texts = Array.from({ length: count }, (_, i) => `bench message ${i}`);
	const started = Date.now();
	const { items, error } = await runNode(url, sandbox.apiKey || 'mip_live_sandbox_key', channelId, texts);
	const wallMs = Date.now() - started;
	const res = await fetch(`${url}/_sandbox/messages?channel_id=${channelId}`);
	const answer = await res.json();
	const list = Array.isArray(answer) ? answer : answer.messages || [];
	const sent = list.map((m) => (m.request && m.request.text) || m.text || (m.body && m.body.text));
	const seen = new Map();
	for (const text of sent) seen.set(text, (seen.get(text) || 0) + 1);
	const lost = texts.filter((t) => !seen.has(t)).length;
	const duplicated = [...seen.values()].filter((n) => n > 1).length;
	const inOrder = JSON.stringify(sent.filter((t) => seen.has(t))) === JSON.stringify(texts.filter((t) => seen.has(t)));
	const floorMs = Math.max(0, Math.ceil(count / limit) - 1) * windowMs;
	await sandbox.stop();
	const rows = [
		['sends', count],
		['rate limit', `${limit} per ${windowMs} ms`],
		['output items', items.length],
		['node error', error ? error.message : 'none'],
		['delivered', sent.length],
		['lost', lost],
		['duplicated', duplicated],
		['in item order', inOrder ? 'yes' : 'no'],
		['wall time', `${(wallMs / 1000).toFixed(2)} s`],
		['floor (ceil(N/limit)-1 windows)', `${(floorMs / 1000).toFixed(2)} s`],
		['wall / floor', floorMs ? (wallMs / floorMs).toFixed(3) : 'n/a'],
	];
	const width = Math.max(...rows.map(([k]) => k.length));
	process.stdout.write(`${rows.map(([k, v]) => `${k.padEnd(width)}  ${v}`).join('\n')}\n`);
	const bad = lost || duplicated || !inOrder ? 1 : 0;
	process.exitCode = bad;
	return bad;
}

main().catch((error) => {
	process.stderr.write(`${error.stack || error}\n`);
	process.exit(1);
});
