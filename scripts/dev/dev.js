#!/usr/bin/env node
// `npm run try`: installs n8n if needed (cached outside the repo), builds the package, starts the
// local Fiwano sandbox and n8n with the package, a login, a Fiwano credential and the examples,
// activates the echo bot and keeps running until Ctrl-C.
// With FIWANO_API_KEY set, the credential points at the real API (FIWANO_BASE_URL, default
// https://fiwano.com), no sandbox is started and nothing is activated.
// Env: N8N_PORT (5678), FIWANO_SANDBOX_PORT (8787), FIWANO_N8N_CACHE, FIWANO_SKIP_BUILD=1.
'use strict';
const path = require('node:path');
const { spawnSync } = require('node:child_process');

const { install } = require('./n8n-install');
const { startN8n, OWNER } = require('./n8n-start');
const { writeState, clearState } = require('./state');

const ROOT = path.resolve(__dirname, '..', '..');
const sec = (ms) => `${(ms / 1000).toFixed(1)} s`;

async function main() {
	const t0 = Date.now();
	install();

	if (process.env.FIWANO_SKIP_BUILD !== '1') {
		console.log('== building the package (npm run build)');
		const r = spawnSync('npm', ['run', 'build', '--silent'], { cwd: ROOT, stdio: 'inherit' });
		if (r.status !== 0) throw new Error('build failed');
	}

	const realKey = process.env.FIWANO_API_KEY;
	let sandbox;
	let baseUrl = process.env.FIWANO_BASE_URL || 'https://fiwano.com';
	if (!realKey) {
		const { createSandbox } = require(path.join(ROOT, 'test', 'sandbox', 'server'));
		sandbox = createSandbox({});
		const started = await sandbox.start(Number(process.env.FIWANO_SANDBOX_PORT) || 8787);
		baseUrl = started.url;
		console.log(`== Fiwano sandbox at ${baseUrl} (API key ${sandbox.apiKey})`);
	}

	console.log('== starting n8n');
	const n8n = await startN8n({
		port: Number(process.env.N8N_PORT) || 5678,
		fiwanoBaseUrl: baseUrl,
		fiwanoApiKey: realKey || (sandbox && sandbox.apiKey),
	});
	const echo = n8n.workflows['echo-bot.json'];
	if (sandbox && echo) await n8n.client.activate(echo.id);

	const stop = async () => {
		clearState();
		await n8n.stop();
		if (sandbox) await sandbox.stop();
		process.exit(0);
	};
	process.on('SIGINT', stop);
	process.on('SIGTERM', stop);
	writeState({ sandboxUrl: sandbox && baseUrl, n8nUrl: n8n.url, pid: process.pid });

	console.log(`
n8n ${n8n.url} is ready (${sec(Date.now() - t0)})
  editor:     ${n8n.url}/home/workflows
  login:      ${OWNER.email} / ${OWNER.password}
  credential: "${n8n.credential.name}" -> ${realKey ? baseUrl : `sandbox ${baseUrl}`}
  examples:   ${Object.keys(n8n.workflows).length} imported${sandbox && echo ? `; "${echo.name}" is active` : ''}
  n8n log:    ${n8n.logFile}
${sandbox ? `\nIn another terminal: npm run simulate -- "Hello!"   (the echo bot answers through the sandbox)\n` : ''}Ctrl-C stops everything.`);
}

main().catch((e) => {
	console.error(`npm run try failed: ${e.message}`);
	process.exit(1);
});
