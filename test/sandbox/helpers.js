'use strict';
// Test helpers for the sandbox suites (plain JS so they can use node built-ins the package lint forbids in .ts):
// an HTTP client, a webhook receiver on 127.0.0.1, a sleep, a CLI launcher, a script runner and env overrides.
const http = require('http');
const path = require('path');
const { spawn } = require('child_process');
const { setTimeout: sleep } = require('timers/promises');

const arr = (j) => j;

function request(base, method, p, options = {}) {
	const url = new URL(p, base);
	const payload =
		options.rawBody !== undefined
			? Buffer.from(options.rawBody)
			: options.body !== undefined
				? Buffer.from(JSON.stringify(options.body))
				: undefined;
	const headers = { ...(options.headers || {}) };
	if (payload) headers['Content-Type'] = 'application/json';
	if (options.key) headers['X-API-Key'] = options.key;
	return new Promise((resolve, reject) => {
		const req = http.request(url, { method, headers, agent: false }, (res) => {
			const chunks = [];
			res.on('data', (c) => chunks.push(c));
			res.on('end', () => {
				const raw = Buffer.concat(chunks);
				let json = {};
				if (String(res.headers['content-type'] || '').includes('application/json') && raw.length)
					json = JSON.parse(raw.toString('utf8'));
				resolve({ status: res.statusCode || 0, headers: res.headers, raw, json });
			});
		});
		req.on('error', reject);
		req.end(payload);
	});
}

function client(base, key) {
	return {
		get: (p) => request(base, 'GET', p, { key }),
		del: (p) => request(base, 'DELETE', p, { key }),
		post: (p, body) => request(base, 'POST', p, { key, body }),
		patch: (p, body) => request(base, 'PATCH', p, { key, body }),
		put: (p, body) => request(base, 'PUT', p, { key, body }),
		control: (p, body) =>
			request(base, body === undefined ? 'GET' : 'POST', `/_sandbox${p}`, { body }),
	};
}

async function startReceiver(respond) {
	const received = [];
	const server = http.createServer((req, res) => {
		const chunks = [];
		req.on('data', (c) => chunks.push(c));
		req.on('end', () => {
			const raw = Buffer.concat(chunks);
			const r = {
				path: req.url || '/',
				headers: req.headers,
				raw,
				json: JSON.parse(raw.toString('utf8')),
			};
			received.push(r);
			const status = respond ? respond(received.length, r) : 200;
			res.writeHead(status, { 'Content-Type': 'text/plain' });
			res.end('ok');
		});
	});
	await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address();
	return {
		url: `http://127.0.0.1:${port}/hook`,
		received,
		async waitFor(count, timeoutMs = 3000) {
			const until = Date.now() + timeoutMs;
			while (received.length < count && Date.now() < until) await sleep(10);
			return received;
		},
		close() {
			return new Promise((resolve) => {
				server.close(() => resolve());
				server.closeAllConnections();
			});
		},
	};
}

/** Starts `node cli.js ...args`; resolves with the parsed first stdout line and a stop(). */
function startCli(args) {
	const child = spawn(process.execPath, [path.join(__dirname, 'cli.js'), ...args], {
		stdio: ['ignore', 'pipe', 'pipe'],
	});
	return new Promise((resolve, reject) => {
		let out = '';
		child.stdout.on('data', (c) => {
			out += c.toString();
			if (out.includes('\n')) {
				resolve({
					info: JSON.parse(out.split('\n')[0]),
					stop: () =>
						new Promise((done) => {
							child.once('exit', () => done());
							child.kill('SIGTERM');
						}),
				});
			}
		});
		child.once('error', reject);
		child.once('exit', (code) => reject(new Error(`cli exited with ${code}`)));
	});
}

/** Runs `node <script> ...args` from the repository root; resolves `{ code, stdout, stderr }`. */
function runScript(script, args) {
	const root = path.join(__dirname, '..', '..');
	const child = spawn(process.execPath, [path.join(root, script), ...args], {
		cwd: root,
		stdio: ['ignore', 'pipe', 'pipe'],
	});
	let stdout = '';
	let stderr = '';
	child.stdout.on('data', (c) => (stdout += c));
	child.stderr.on('data', (c) => (stderr += c));
	return new Promise((resolve, reject) => {
		child.once('error', reject);
		child.once('close', (code) => resolve({ code, stdout, stderr }));
	});
}

/** Calls `fn` with environment variables set (undefined deletes), then restores them. */
function withEnv(vars, fn) {
	const saved = {};
	for (const [k, v] of Object.entries(vars)) {
		saved[k] = process.env[k];
		if (v === undefined) delete process.env[k];
		else process.env[k] = v;
	}
	try {
		return fn();
	} finally {
		for (const [k, v] of Object.entries(saved)) {
			if (v === undefined) delete process.env[k];
			else process.env[k] = v;
		}
	}
}

module.exports = { arr, request, client, startReceiver, startCli, runScript, withEnv, sleep };
