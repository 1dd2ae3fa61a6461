#!/usr/bin/env node
// `npm run test:queue`: the package in n8n queue mode (n8n 2.41.1 from the cache of
// scripts/dev/n8n-install.js): Postgres and Redis from Debian packages on loopback ports,
// n8n main + `n8n worker` + two `n8n webhook` processes sharing one encryption key and one user
// folder (the packed package in .n8n/nodes), a round-robin balancer in front of the webhook
// processes, the local Fiwano sandbox. Checks:
//  1. inbound messages through both webhook processes are each answered exactly once;
//  2. the same signed delivery sent to webhook process A, then B, starts one execution;
//  3. a bulk Send Text on the worker sends every item exactly once, in order.
// Needs: apt-get install -y redis-server postgresql. Env: QUEUE_INBOUND (40), QUEUE_BULK (30),
// FIWANO_SKIP_BUILD=1. Everything it starts is stopped at the end.
'use strict';
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const http = require('node:http');
const crypto = require('node:crypto');
const { spawn, spawnSync } = require('node:child_process');

const ROOT = path.resolve(__dirname, '..', '..');
const { install, paths } = require('../dev/n8n-install');
const { startN8n, freePort } = require('../dev/n8n-start');
const { createSandbox } = require(path.join(ROOT, 'test', 'sandbox', 'server'));
const { startPostgres, startRedis } = require('./services');

const INBOUND = Number(process.env.QUEUE_INBOUND) || 40;
const BULK = Number(process.env.QUEUE_BULK) || 30;
const WA = 'a1b2c3d4e5f67890';
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const results = [];
const t0 = Date.now();
const secs = (ms) => `${(ms / 1000).toFixed(1)} s`;

async function check(name, fn) {
	const t = Date.now();
	try {
		const note = await fn();
		results.push({ ok: true });
		console.log(`ok   ${name} (${secs(Date.now() - t)})${note ? ` — ${note}` : ''}`);
	} catch (e) {
		results.push({ ok: false });
		console.log(`FAIL ${name} (${secs(Date.now() - t)}): ${e.message}`);
	}
}
const assert = (cond, msg) => {
	if (!cond) throw new Error(msg);
};
async function waitFor(what, fn, timeoutMs = 60000) {
	const deadline = Date.now() + timeoutMs;
	let last;
	while (Date.now() < deadline) {
		last = await fn();
		if (last) return last;
		await sleep(200);
	}
	throw new Error(`timed out waiting for ${what}`);
}

/** Round-robin HTTP balancer; `x-queue-target: 0|1` pins a request to one webhook process. */
function startBalancer(ports) {
	let next = 0;
	const served = ports.map(() => 0);
	const server = http.createServer((req, res) => {
		const pinned = req.headers['x-queue-target'];
		const i = pinned !== undefined ? Number(pinned) : next++ % ports.length;
		served[i]++;
		const headers = { ...req.headers, host: `127.0.0.1:${ports[i]}` };
		const upstream = http.request({ host: '127.0.0.1', port: ports[i], method: req.method, path: req.url, headers }, (up) => {
			res.writeHead(up.statusCode, { ...up.headers, 'x-queue-served-by': String(i) });
			up.pipe(res);
		});
		upstream.on('error', (e) => {
			res.writeHead(502);
			res.end(e.message);
		});
		req.pipe(upstream);
	});
	return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ server, port: server.address().port, served })));
}

function spawnN8n(command, env, logFile) {
	const p = paths();
	const out = fs.openSync(logFile, 'a');
	const child = spawn(p.nodeBin, [p.n8nBin, command], { env, stdio: ['ignore', out, out] });
	fs.closeSync(out);
	process.once('exit', () => child.exitCode === null && child.kill('SIGKILL'));
	return child;
}

async function stopChild(child) {
	if (!child || child.exitCode !== null) return;
	child.kill('SIGTERM');
	const done = new Promise((r) => child.once('exit', r));
	const timer = setTimeout(() => child.exitCode === null && child.kill('SIGKILL'), 10000);
	await done;
	clearTimeout(timer);
}

async function waitHttp(url, child, timeoutMs = 120000) {
	await waitFor(`${url}`, async () => {
		if (child.exitCode !== null) throw new Error(`process exited with ${child.exitCode}`);
		try {
			const r = await fetch(url);
			return r.status < 500;
		} catch {
			return false;
		}
	}, timeoutMs);
}

function node(name, type, typeVersion, parameters, position, extra = {}) {
	return { id: crypto.randomUUID(), name, type, typeVersion, position, parameters, ...extra };
}

function inboundWorkflow(cred) {
	return {
		name: 'Queue: reply to inbound',
		settings: { executionOrder: 'v1' },
		nodes: [
			node('Fiwano Trigger', 'n8n-nodes-fiwano.fiwanoTrigger', 2, {
				events: ['message.received'],
				webhookSetup: 'selectedChannels',
				channelIds: { channel: [{ channelId: { __rl: true, mode: 'id', value: WA } }] },
				options: {},
			}, [0, 0], { webhookId: crypto.randomUUID(), credentials: cred }),
			node('Reply', 'n8n-nodes-fiwano.fiwano', 3, {
				channelId: { __rl: true, mode: 'id', value: '={{ $json.channel_id }}' },
				recipient: '={{ $json.data.from }}',
				text: '=re: {{ $json.data.text }}',
				options: {},
			}, [220, 0], { credentials: cred }),
		],
		connections: { 'Fiwano Trigger': { main: [[{ node: 'Reply', type: 'main', index: 0 }]] } },
	};
}

function bulkWorkflow(cred) {
	return {
		name: 'Queue: bulk send',
		settings: { executionOrder: 'v1' },
		nodes: [
			node('Webhook', 'n8n-nodes-base.webhook', 2, { httpMethod: 'POST', path: 'queue-bulk', responseMode: 'onReceived', options: {} }, [0, 0], { webhookId: crypto.randomUUID() }),
			node('Split Out', 'n8n-nodes-base.splitOut', 1, { fieldToSplitOut: 'body.items', options: {} }, [220, 0]),
			node('Send Text', 'n8n-nodes-fiwano.fiwano', 3, { channelId: { __rl: true, mode: 'id', value: WA }, recipient: '={{ $json.to }}', text: '={{ $json.text }}', options: {} }, [440, 0], { credentials: cred }),
		],
		connections: {
			Webhook: { main: [[{ node: 'Split Out', type: 'main', index: 0 }]] },
			'Split Out': { main: [[{ node: 'Send Text', type: 'main', index: 0 }]] },
		},
	};
}

async function main() {
	install();
	if (process.env.FIWANO_SKIP_BUILD !== '1') {
		const b = spawnSync('npm', ['run', 'build', '--silent'], { cwd: ROOT, stdio: 'inherit' });
		if (b.status !== 0) throw new Error('build failed');
	}
	const work = fs.mkdtempSync(path.join(os.tmpdir(), 'fiwano-queue-'));
	const stops = [];
	let mainLog;
	const cleanup = async () => {
		for (const stop of stops.reverse()) await stop().catch(() => {});
		if (results.some((r) => !r.ok)) {
			if (mainLog && fs.existsSync(mainLog)) fs.copyFileSync(mainLog, path.join(work, 'main.log'));
			for (const f of ['pg/postgres.log']) if (fs.existsSync(path.join(work, f))) fs.copyFileSync(path.join(work, f), path.join(work, 'postgres.log'));
			console.log(`logs kept in ${work} (main.log, worker.log, webhook-0.log, webhook-1.log)`);
		} else fs.rmSync(work, { recursive: true, force: true });
	};
	process.on('SIGINT', () => cleanup().then(() => process.exit(130)));
	try {
		const tServices = Date.now();
		const pg = await startPostgres(path.join(work, 'pg'));
		stops.push(pg.stop);
		const redis = await startRedis(path.join(work, 'redis'));
		stops.push(redis.stop);
		const sandbox = createSandbox({ autoStatus: false });
		const { url: sandboxUrl } = await sandbox.start(0);
		stops.push(() => sandbox.stop());
		console.log(`Postgres :${pg.port} and Redis :${redis.port} up in ${secs(Date.now() - tServices)}`);

		const webhookPorts = [await freePort(), await freePort()];
		const balancer = await startBalancer(webhookPorts);
		stops.push(() => new Promise((r) => balancer.server.close(r)));
		const publicUrl = `http://127.0.0.1:${balancer.port}`;
		const queueEnv = {
			EXECUTIONS_MODE: 'queue',
			DB_TYPE: 'postgresdb',
			DB_POSTGRESDB_HOST: '127.0.0.1',
			DB_POSTGRESDB_PORT: String(pg.port),
			DB_POSTGRESDB_DATABASE: 'n8n',
			DB_POSTGRESDB_USER: 'n8n',
			DB_POSTGRESDB_PASSWORD: '',
			QUEUE_BULL_REDIS_HOST: '127.0.0.1',
			QUEUE_BULL_REDIS_PORT: String(redis.port),
			N8N_ENCRYPTION_KEY: crypto.randomBytes(24).toString('hex'),
			N8N_DISABLE_PRODUCTION_MAIN_PROCESS: 'true',
			OFFLOAD_MANUAL_EXECUTIONS_TO_WORKERS: 'true',
			WEBHOOK_URL: `${publicUrl}/`,
			N8N_RUNNERS_BROKER_PORT: String(await freePort()),
			N8N_LOG_LEVEL: 'warn',
		};

		const tMain = Date.now();
		const main = await startN8n({ fiwanoBaseUrl: sandboxUrl, fiwanoApiKey: sandbox.apiKey, importExamples: false, env: queueEnv, keepFolder: true });
		mainLog = path.join(work, 'main-live.log');
		fs.copyFileSync(main.logFile, mainLog);
		stops.push(async () => {
			fs.copyFileSync(main.logFile, mainLog);
			await main.stop();
			fs.rmSync(main.folder, { recursive: true, force: true });
		});
		console.log(`n8n main ready in ${secs(Date.now() - tMain)} (user folder ${main.folder})`);
		const childEnv = (extra) => ({ ...process.env, ...queueEnv, N8N_USER_FOLDER: main.folder, N8N_LISTEN_ADDRESS: '127.0.0.1', N8N_DIAGNOSTICS_ENABLED: 'false', N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'false', ...extra });
		const tProcs = Date.now();
		const worker = spawnN8n('worker', childEnv({ N8N_PORT: String(await freePort()), N8N_RUNNERS_BROKER_PORT: String(await freePort()), QUEUE_HEALTH_CHECK_ACTIVE: 'true', QUEUE_HEALTH_CHECK_PORT: String(await freePort()) }), path.join(work, 'worker.log'));
		stops.push(() => stopChild(worker));
		const hooks = webhookPorts.map((port, i) => {
			const child = spawnN8n('webhook', childEnv({ N8N_PORT: String(port) }), path.join(work, `webhook-${i}.log`));
			stops.push(() => stopChild(child));
			return child;
		});
		await Promise.all(hooks.map((child, i) => waitHttp(`http://127.0.0.1:${webhookPorts[i]}/healthz`, child)));
		console.log(`worker + 2 webhook processes ready in ${secs(Date.now() - tProcs)}`);

		const cred = { fiwanoApi: { id: main.credential.id, name: main.credential.name } };
		const sb = async (method, p, body) => {
			const r = await fetch(sandboxUrl + p, { method, headers: { 'content-type': 'application/json' }, body: body && JSON.stringify(body) });
			return r.json();
		};
		const sentTexts = async () => (await sb('GET', `/_sandbox/messages?channel_id=${WA}`)).messages.map((m) => m.request && m.request.text);

		const inbound = inboundWorkflow(cred);
		let wfId;
		await check('the Fiwano Trigger activates from main and wires the channel to the balancer URL', async () => {
			const created = await main.client.importWorkflow(inbound);
			wfId = created.id;
			// Publishing validates node parameters with n8n's 250 ms safe-regex limit, which a
			// heavily loaded machine can hit; try again before calling it a failure.
			for (let attempt = 1; ; attempt++) {
				try {
					await main.client.activate(wfId, 60000);
					break;
				} catch (e) {
					if (attempt >= 3) throw e;
					console.log(`     activation attempt ${attempt} failed (${e.message.slice(0, 160)}), retrying`);
					await sleep(2000);
				}
			}
			const ch = await waitFor('the channel wired', async () => {
				const c = (await sb('GET', '/_sandbox/channels')).channels.find((x) => x.id === WA);
				return c && c.webhook_url && c.webhook_url.startsWith(publicUrl) ? c : undefined;
			});
			return ch.webhook_url;
		});

		await check(`${INBOUND} inbound messages through both webhook processes, each answered exactly once`, async () => {
			const run = `in-${Date.now()}`;
			const t = Date.now();
			for (let i = 0; i < INBOUND; i++) await sb('POST', '/_sandbox/inbound', { channel_id: WA, from: '15551234567', text: `${run} #${i}` });
			const deliverMs = Date.now() - t;
			const texts = await waitFor('every reply', async () => {
				const mine = (await sentTexts()).filter((x) => x && x.startsWith(`re: ${run}`));
				return mine.length >= INBOUND ? mine : undefined;
			}, 120000);
			await sleep(1500); // would-be duplicates
			const final = (await sentTexts()).filter((x) => x && x.startsWith(`re: ${run}`));
			const counts = new Map();
			for (const x of final) counts.set(x, (counts.get(x) || 0) + 1);
			assert(counts.size === INBOUND, `${counts.size} distinct replies, expected ${INBOUND}`);
			assert([...counts.values()].every((c) => c === 1), `duplicated replies: ${final.length - counts.size}`);
			assert(balancer.served.every((n) => n > 0), `balancer served ${balancer.served.join('/')}`);
			return `${texts.length} replies; deliveries ${secs(deliverMs)} (${(deliverMs / INBOUND).toFixed(0)} ms each incl. sandbox), served per process ${balancer.served.join('/')}, all replied after ${secs(Date.now() - t)}`;
		});

		await check('the same signed delivery to webhook process A, then B, starts one execution', async () => {
			const wf = await main.client.getWorkflow(wfId);
			const trigger = wf.nodes.find((n) => n.type === 'n8n-nodes-fiwano.fiwanoTrigger');
			const secret = crypto.createHmac('sha256', sandbox.apiKey).update(`fiwano-trigger-secret:v1:${wfId}:${trigger.id}`).digest('hex');
			const text = `dup-${Date.now()}`;
			const body = JSON.stringify({ event: 'message.received', channel_id: WA, channel_type: 'whatsapp', timestamp: new Date().toISOString(), data: { message_id: `wamid.${crypto.randomUUID()}`, from: '15557654321', type: 'text', text } });
			const headers = { 'content-type': 'application/json', 'x-webhook-signature': `sha256=${crypto.createHmac('sha256', secret).update(body).digest('hex')}` };
			const url = `${publicUrl}/webhook/${trigger.webhookId}/webhook`;
			const answers = [];
			for (const target of ['0', '1']) {
				const t = Date.now();
				const r = await fetch(url, { method: 'POST', headers: { ...headers, 'x-queue-target': target }, body });
				answers.push({ target, status: r.status, body: await r.text(), ms: Date.now() - t });
				await sleep(300);
			}
			assert(answers[0].body.includes('"received":true') && !answers[0].body.includes('duplicate'), `A answered ${answers[0].status} ${answers[0].body}`);
			assert(answers[1].body.includes('"duplicate":true'), `B answered ${answers[1].status} ${answers[1].body}`);
			await waitFor('the reply', async () => (await sentTexts()).includes(`re: ${text}`));
			await sleep(2000);
			const replies = (await sentTexts()).filter((x) => x === `re: ${text}`).length;
			assert(replies === 1, `${replies} replies`);
			return `A: new in ${answers[0].ms} ms; B: duplicate in ${answers[1].ms} ms; 1 reply`;
		});

		await check(`a bulk send of ${BULK} items on the worker sends each exactly once, in order`, async () => {
			const created = await main.client.importWorkflow(bulkWorkflow(cred));
			await main.client.activate(created.id, 60000);
			const run = `bulk-${Date.now()}`;
			const items = Array.from({ length: BULK }, (_, i) => ({ to: '15550000000', text: `${run} #${i}` }));
			const t = Date.now();
			const r = await fetch(`${publicUrl}/webhook/queue-bulk`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ items }) });
			assert(r.status === 200, `webhook answered ${r.status}`);
			const sent = await waitFor('every item', async () => {
				const mine = (await sentTexts()).filter((x) => x && x.startsWith(run));
				return mine.length >= BULK ? mine : undefined;
			}, 180000);
			await sleep(1500);
			const final = (await sentTexts()).filter((x) => x && x.startsWith(run));
			assert(final.length === BULK, `${final.length} sends for ${BULK} items`);
			assert(final.every((x, i) => x === `${run} #${i}`), 'out of order');
			await main.client.deactivate(created.id).catch(() => {});
			return `${sent.length} sent in order in ${secs(Date.now() - t)}`;
		});

		await check('deactivation from main clears the channel', async () => {
			await main.client.deactivate(wfId);
			await waitFor('the channel cleared', async () => {
				const c = (await sb('GET', '/_sandbox/channels')).channels.find((x) => x.id === WA);
				return c && !c.webhook_url;
			}, 30000);
		});
	} finally {
		await cleanup();
	}
	const failed = results.filter((r) => !r.ok).length;
	console.log(`\n${results.length - failed}/${results.length} checks passed in ${secs(Date.now() - t0)}`);
	if (failed) process.exitCode = 1;
}

main().catch((e) => {
	console.error(`queue-mode test failed: ${e.stack || e.message}`);
	process.exit(1);
});
