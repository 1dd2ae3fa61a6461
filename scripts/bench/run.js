#!/usr/bin/env node
// `npm run bench`: figures from a real n8n (2.41.1, from the cache of scripts/dev/n8n-install.js)
// with the built package, against the local sandbox. Printed as a table; not a timed test.
//  1. Trigger latency (trigger-latency.js): in one n8n, n8n's Webhook node, a do-nothing community
//     trigger (fixtures/n8n-nodes-bench-noop) and the Fiwano Trigger v2, a distinct message id per
//     request, plus Fiwano duplicates; on the default expression engine and with lazy acquisition.
//  2. Bulk send: 300 Send Text items in one execution through the sandbox's 100/min limit:
//     lost, duplicated, wall time against the limit's floor.
// Env: BENCH_EVENTS (200 rounds), BENCH_ENGINES (default,lazy; also pool2, legacy), BENCH_SENDS (300),
// BENCH_SKIP_SEND=1, FIWANO_SKIP_BUILD=1.
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const crypto = require('node:crypto');
const { spawnSync } = require('node:child_process');
const { performance } = require('node:perf_hooks');

const ROOT = path.resolve(__dirname, '..', '..');
const { install } = require('../dev/n8n-install');
const { startN8n } = require('../dev/n8n-start');
const { createSandbox } = require(path.join(ROOT, 'test', 'sandbox', 'server'));

const EVENTS = Number(process.env.BENCH_EVENTS) || 200;
const SENDS = Number(process.env.BENCH_SENDS) || 300;
const WA = 'a1b2c3d4e5f67890';

const pct = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
const ms = (v) => `${v.toFixed(1)} ms`;
const uuid = () => crypto.randomUUID();

function table(rows) {
	const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => String(r[i]).length)));
	const line = (r) => `| ${r.map((c, i) => String(c).padEnd(widths[i])).join(' | ')} |`;
	return [line(rows[0]), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...rows.slice(1).map(line)].join('\n');
}

function node(name, type, typeVersion, parameters, position, extra = {}) {
	return { id: uuid(), name, type, typeVersion, position, parameters, ...extra };
}

function sendWorkflow(credential) {
	return {
		name: 'Bench: bulk Send Text',
		settings: { executionOrder: 'v1' },
		nodes: [
			node('Webhook', 'n8n-nodes-base.webhook', 2, { httpMethod: 'POST', path: 'bench-send', responseMode: 'lastNode', responseData: 'allEntries', options: {} }, [0, 0], { webhookId: uuid() }),
			node('Split Out', 'n8n-nodes-base.splitOut', 1, { fieldToSplitOut: 'body.items', options: {} }, [220, 0]),
			node('Send Text', 'n8n-nodes-fiwano.fiwano', 1, { channelId: { __rl: true, mode: 'id', value: WA }, recipient: '={{ $json.to }}', text: '={{ $json.text }}', options: {} }, [440, 0], { credentials: { fiwanoApi: { id: credential.id, name: credential.name } } }),
		],
		connections: {
			Webhook: { main: [[{ node: 'Split Out', type: 'main', index: 0 }]] },
			'Split Out': { main: [[{ node: 'Send Text', type: 'main', index: 0 }]] },
		},
	};
}

async function bulkSend(n8n, sandbox, sandboxUrl) {
	const wf = await n8n.client.importWorkflow(sendWorkflow(n8n.credential));
	await n8n.client.activate(wf.id);
	const run = `bulk-${Date.now()}`;
	const items = Array.from({ length: SENDS }, (_, i) => ({ to: '15550000000', text: `${run} #${i}` }));
	const t = performance.now();
	const r = await fetch(`${n8n.url}/webhook/bench-send`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ items }),
		signal: AbortSignal.timeout(15 * 60 * 1000),
	});
	const text = await r.text();
	const wallMs = performance.now() - t;
	const res = await fetch(`${sandboxUrl}/_sandbox/messages?channel_id=${WA}`);
	const { messages } = await res.json();
	const seen = new Map();
	for (const m of messages) if (m.request && typeof m.request.text === 'string' && m.request.text.startsWith(run)) seen.set(m.request.text, (seen.get(m.request.text) || 0) + 1);
	const lost = items.filter((it) => !seen.has(it.text)).length;
	const duplicated = [...seen.values()].reduce((s, c) => s + Math.max(0, c - 1), 0);
	const inOrder = messages.filter((m) => m.request && String(m.request.text).startsWith(run)).every((m, i) => m.request.text === `${run} #${i}`);
	// Floor: `limit` sends per rolling window; the last window can start only after the previous ones.
	const limit = 100;
	const windowMs = 60000;
	const floorMs = Math.max(0, Math.ceil(SENDS / limit) - 1) * windowMs;
	await n8n.client.deactivate(wf.id).catch(() => {});
	let items429 = 0;
	try {
		const out = JSON.parse(text);
		items429 = Array.isArray(out) ? out.filter((o) => o && o.success !== true).length : 0;
	} catch {
		// not JSON: an error page
	}
	return { status: r.status, wallMs, floorMs, lost, duplicated, inOrder, notOk: items429, answer: r.status === 200 ? '' : text.slice(0, 300) };
}

const ENGINES = {
	default: { label: 'vm (default)', env: {} },
	lazy: { label: 'vm, N8N_EXPRESSION_ENGINE_LAZY_ACQUIRE=true', env: { N8N_EXPRESSION_ENGINE_LAZY_ACQUIRE: 'true' } },
	pool2: { label: 'vm, N8N_EXPRESSION_ENGINE_POOL_SIZE=2', env: { N8N_EXPRESSION_ENGINE_POOL_SIZE: '2' } },
	legacy: { label: 'N8N_EXPRESSION_ENGINE=legacy', env: { N8N_EXPRESSION_ENGINE: 'legacy' } },
};
const TRIGGERS = [
	['webhook', "n8n's Webhook node"],
	['noop', 'do-nothing community trigger'],
	['fiwano', 'Fiwano Trigger v2, new delivery'],
	['fiwano duplicate', 'Fiwano Trigger v2, duplicate'],
];
const ratio = (a, b) => `${(a / b).toFixed(2)}x`;

/** Trigger latency per expression-engine setting: one table per setting, then a summary. */
async function printLatency() {
	const { measure } = require('./trigger-latency');
	const keys = (process.env.BENCH_ENGINES || 'default,lazy').split(',').filter((k) => ENGINES[k]);
	const summary = [['setting (back-to-back, keep-alive)', 'Webhook p50/p95', 'do-nothing p50/p95', 'Fiwano p50/p95', 'duplicate p50/p95', 'Fiwano/do-nothing p50, p95', 'Fiwano/Webhook p50, p95']];
	for (const key of keys) {
		const { label, env } = ENGINES[key];
		const r = await measure({ env, rounds: EVENTS });
		const execs = Object.entries(r.executions).map(([k, v]) => `${k} ${v.recorded}/${v.requests}`).join(', ');
		console.log(`\nn8n ${r.version}, expression engine ${label}; ${EVENTS} rounds, sequential; executions recorded/new deliveries: ${execs}`);
		const modes = [...new Set(Object.keys(r.series).map((k) => k.split('|')[1]))];
		const rows = [['trigger', 'connection', 'p50', 'p95', '/do-nothing p50', '/do-nothing p95', '/Webhook p50', '/Webhook p95']];
		for (const mode of modes) {
			const at = (t, p) => pct(r.series[`${t}|${mode}`], p);
			for (const [t, name] of TRIGGERS)
				rows.push([name, mode, ms(at(t, 50)), ms(at(t, 95)), ratio(at(t, 50), at('noop', 50)), ratio(at(t, 95), at('noop', 95)), ratio(at(t, 50), at('webhook', 50)), ratio(at(t, 95), at('webhook', 95))]);
		}
		console.log(table(rows));
		const b = (t, p) => pct(r.series[`${t}|back-to-back`], p);
		const pair = (t) => `${ms(b(t, 50))} / ${ms(b(t, 95))}`;
		summary.push([label, pair('webhook'), pair('noop'), pair('fiwano'), pair('fiwano duplicate'), `${ratio(b('fiwano', 50), b('noop', 50))}, ${ratio(b('fiwano', 95), b('noop', 95))}`, `${ratio(b('fiwano', 50), b('webhook', 50))}, ${ratio(b('fiwano', 95), b('webhook', 95))}`]);
	}
	console.log(`\n${table(summary)}`);
	console.log(
		"Note: n8n 2.41's default vm engine acquires an expression isolate for the webhook phase of every\n" +
			"trigger except its own Webhook node (live-webhooks.js webhookPhaseNeedsIsolate), and with the\n" +
			'default pool of 1 back-to-back requests wait for it. N8N_EXPRESSION_ENGINE_LAZY_ACQUIRE=true lets\n' +
			'community triggers skip it. Reading a credential in a webhook makes n8n acquire a second isolate,\n' +
			'so the Fiwano Trigger keeps what it needs from its credential in process memory for 60 s: a\n' +
			'delivery then costs what a do-nothing trigger costs (compare the idle rows).\n',
	);
}

/** The package's engine-level benchmarks: per-event verify + filter cost, bulk send without a server. */
function runScripts() {
	for (const script of process.env.BENCH_SKIP_SEND === '1' ? ['bench-trigger.js'] : ['bench-trigger.js', 'bench-send.js']) {
		const file = path.join(ROOT, 'scripts', script);
		if (!fs.existsSync(file)) continue;
		console.log(`\n== scripts/${script}`);
		spawnSync(process.execPath, [file], { cwd: ROOT, stdio: 'inherit' });
	}
}

async function main() {
	require('./split').printSplitBench(); // pure CPU: no n8n needed
	install();
	if (process.env.FIWANO_SKIP_BUILD !== '1') {
		const b = spawnSync('npm', ['run', 'build', '--silent'], { cwd: ROOT, stdio: 'inherit' });
		if (b.status !== 0) throw new Error('build failed');
	}
	await printLatency();
	if (process.env.BENCH_SKIP_SEND === '1') return runScripts();
	const sandbox = createSandbox({ autoStatus: false });
	const { url: sandboxUrl } = await sandbox.start(0);
	const n8n = await startN8n({ fiwanoBaseUrl: sandboxUrl, fiwanoApiKey: sandbox.apiKey, importExamples: false, env: { N8N_LOG_LEVEL: 'error' } });
	try {
		console.log(`bulk send: ${SENDS} Send Text items in one execution, sandbox limit 100/min ...`);
		const s = await bulkSend(n8n, sandbox, sandboxUrl);
		const srows = [
			['bulk send', 'items', 'lost', 'duplicated', 'in order', 'wall time', 'floor', 'ratio'],
			['Send Text via n8n', SENDS, s.lost, s.duplicated, s.inOrder ? 'yes' : 'no', `${(s.wallMs / 1000).toFixed(1)} s`, `${(s.floorMs / 1000).toFixed(1)} s`, s.floorMs ? `${(s.wallMs / s.floorMs).toFixed(2)}x` : '-'],
		];
		console.log(`\n${table(srows)}\n(target: none lost or duplicated, wall time within 1.15x of the floor)`);
		if (s.status !== 200) console.log(`the execution answered HTTP ${s.status}: ${s.answer}`);
	} finally {
		await n8n.stop();
		await sandbox.stop();
	}

	runScripts();
}

main().catch((e) => {
	console.error(`bench failed: ${e.stack || e.message}`);
	process.exit(1);
});
