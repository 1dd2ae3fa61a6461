#!/usr/bin/env node
// Starts a real n8n (from the cache of n8n-install.js) with this package installed as a
// community package, in a fresh user folder: owner login, a Fiwano credential, the examples.
// As a module: startN8n(options) -> { url, client, credential, workflows, folder, stop() }.
// As a command: FIWANO_BASE_URL / FIWANO_API_KEY name the API (default: the local sandbox
// must be given with --sandbox-url); prints the editor URL and login, runs until Ctrl-C.
'use strict';
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const net = require('node:net');
const { spawn, spawnSync } = require('node:child_process');

const { paths } = require('./n8n-install');
const { N8nClient } = require('./n8n-client');

const ROOT = path.resolve(__dirname, '..', '..');
const OWNER = { email: 'dev@fiwano.local', firstName: 'Fiwano', lastName: 'Dev', password: 'Fiwano-dev-1234' };
const CREDENTIAL_NAME = 'Fiwano account';

const log = (...a) => console.log('[n8n]', ...a);

function freePort() {
	return new Promise((resolve, reject) => {
		const srv = net.createServer();
		srv.once('error', reject);
		srv.listen(0, '127.0.0.1', () => {
			const { port } = srv.address();
			srv.close(() => resolve(port));
		});
	});
}

/** `npm pack` of the built package into dir; returns the tarball path. */
function packTarball(dir) {
	if (!fs.existsSync(path.join(ROOT, 'dist', 'nodes', 'Fiwano', 'Fiwano.node.js')))
		throw new Error('dist/ is missing: run `npm run build` first');
	const r = spawnSync('npm', ['pack', '--pack-destination', dir, '--ignore-scripts', '--silent'], { cwd: ROOT, encoding: 'utf8' });
	if (r.status !== 0) throw new Error(`npm pack failed: ${r.stderr}`);
	const name = r.stdout.trim().split('\n').pop();
	return path.join(dir, name);
}

/** Installs the tarball into <folder>/.n8n/nodes the way a community package lands there. */
function installPackage(folder, tarball) {
	const nodesDir = path.join(folder, '.n8n', 'nodes');
	fs.mkdirSync(nodesDir, { recursive: true });
	fs.writeFileSync(path.join(nodesDir, 'package.json'), '{"name":"installed-nodes","private":true,"dependencies":{}}\n');
	const r = spawnSync(
		'npm',
		['install', tarball, '--omit=dev', '--omit=peer', '--legacy-peer-deps', '--ignore-scripts', '--no-audit', '--no-fund', '--no-package-lock'],
		{ cwd: nodesDir, encoding: 'utf8' },
	);
	if (r.status !== 0) throw new Error(`installing the package into n8n failed: ${r.stderr}`);
}

async function waitReady(url, child, timeoutMs) {
	const deadline = Date.now() + timeoutMs;
	while (Date.now() < deadline) {
		if (child.exitCode !== null) throw new Error(`n8n exited with code ${child.exitCode} before it was ready`);
		try {
			const r = await fetch(`${url}/healthz/readiness`);
			if (r.status === 200) return;
		} catch {
			// not listening yet
		}
		await new Promise((res) => setTimeout(res, 250));
	}
	throw new Error(`n8n not ready after ${timeoutMs} ms`);
}

/** Replaces the placeholder credential of every Fiwano node with the created one. */
function withCredential(workflow, credential) {
	const wf = JSON.parse(JSON.stringify(workflow));
	for (const node of wf.nodes)
		if (node.credentials && node.credentials.fiwanoApi) node.credentials.fiwanoApi = { id: credential.id, name: credential.name };
	return wf;
}

function loadExamples() {
	const dir = path.join(ROOT, 'examples');
	return fs
		.readdirSync(dir)
		.filter((f) => f.endsWith('.json'))
		.sort()
		.map((file) => ({ file, workflow: JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8')) }));
}

/**
 * options: { port, fiwanoBaseUrl, fiwanoApiKey, webhookSecret, importExamples (true), logFile,
 * env (extra), quiet, n8nBin, nodeBin, readyTimeoutMs }
 */
async function startN8n(options = {}) {
	const t0 = Date.now();
	const p = paths();
	const nodeBin = options.nodeBin || p.nodeBin;
	const n8nBin = options.n8nBin || p.n8nBin;
	if (!fs.existsSync(nodeBin) || !fs.existsSync(n8nBin))
		throw new Error(`n8n is not installed in ${p.root}: run \`node scripts/dev/n8n-install.js\``);

	const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'fiwano-n8n-'));
	const tarball = packTarball(folder);
	installPackage(folder, tarball);
	if (options.beforeStart) await options.beforeStart(folder);
	const tPackage = Date.now() - t0;

	const port = options.port || (await freePort());
	const url = `http://localhost:${port}`;
	const env = {
		...process.env,
		N8N_USER_FOLDER: folder,
		N8N_PORT: String(port),
		N8N_LISTEN_ADDRESS: '127.0.0.1',
		N8N_HOST: 'localhost',
		N8N_PROTOCOL: 'http',
		WEBHOOK_URL: `${url}/`,
		N8N_EDITOR_BASE_URL: `${url}/`,
		N8N_SECURE_COOKIE: 'false',
		N8N_COMMUNITY_PACKAGES_ALLOW_TOOL_USAGE: 'true',
		N8N_DIAGNOSTICS_ENABLED: 'false',
		N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
		N8N_TEMPLATES_ENABLED: 'false',
		N8N_PERSONALIZATION_ENABLED: 'false',
		N8N_HIRING_BANNER_ENABLED: 'false',
		N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'false',
		N8N_LOG_LEVEL: process.env.N8N_LOG_LEVEL || 'warn',
		DB_SQLITE_POOL_SIZE: '2',
		// n8n 1.x (FIWANO_N8N_VERSION=1.123.81) runs on Node 20 with the legacy expression engine.
		...(p.legacy ? { N8N_EXPRESSION_ENGINE: 'legacy', DB_SQLITE_POOL_SIZE: '0' } : {}),
		...(options.env || {}),
	};
	delete env.N8N_CUSTOM_EXTENSIONS;
	const logFile = options.logFile || path.join(folder, 'n8n.log');
	const out = fs.openSync(logFile, 'a');
	const child = spawn(nodeBin, [n8nBin, 'start'], { env, stdio: ['ignore', out, out], detached: false });
	fs.closeSync(out);

	let stopped = false;
	const stop = async () => {
		if (stopped) return;
		stopped = true;
		if (child.exitCode === null) {
			child.kill('SIGTERM');
			const done = new Promise((res) => child.once('exit', res));
			const timer = setTimeout(() => child.exitCode === null && child.kill('SIGKILL'), 8000);
			await done;
			clearTimeout(timer);
		}
		if (!options.keepFolder) fs.rmSync(folder, { recursive: true, force: true });
	};
	const onExit = () => {
		if (child.exitCode === null) child.kill('SIGKILL');
	};
	process.once('exit', onExit);

	try {
		const tStart = Date.now();
		await waitReady(url, child, options.readyTimeoutMs || 120000);
		const readyMs = Date.now() - tStart;

		const client = new N8nClient(url);
		await client.setupOwner(OWNER);
		await client.login(OWNER.email, OWNER.password);

		const credential = await client.createCredential(CREDENTIAL_NAME, 'fiwanoApi', {
			apiKey: options.fiwanoApiKey,
			baseUrl: options.fiwanoBaseUrl,
			webhookSecret: options.webhookSecret || '',
		});

		const workflows = {};
		if (options.importExamples !== false) {
			for (const { file, workflow } of loadExamples()) {
				const created = await client.importWorkflow(withCredential(workflow, credential));
				workflows[file] = created;
			}
		}
		return { url, port, folder, logFile, child, client, credential, workflows, owner: OWNER, stop, timings: { packageMs: tPackage, readyMs } };
	} catch (e) {
		await stop();
		throw e;
	}
}

module.exports = { startN8n, withCredential, loadExamples, OWNER, freePort };

if (require.main === module) {
	(async () => {
		const baseUrl = process.env.FIWANO_BASE_URL || (process.env.FIWANO_API_KEY ? 'https://fiwano.com' : '');
		if (!baseUrl) throw new Error('set FIWANO_BASE_URL (and FIWANO_API_KEY), or use `npm run try`');
		const n8n = await startN8n({
			port: Number(process.env.N8N_PORT) || 5678,
			fiwanoBaseUrl: baseUrl,
			fiwanoApiKey: process.env.FIWANO_API_KEY || 'mip_live_sandbox_key',
		});
		console.log(`n8n editor: ${n8n.url}  login: ${OWNER.email} / ${OWNER.password}`);
		const shutdown = () => n8n.stop().then(() => process.exit(0));
		process.on('SIGINT', shutdown);
		process.on('SIGTERM', shutdown);
	})().catch((e) => {
		console.error(e.message);
		process.exit(1);
	});
}
