// Postgres and Redis for the queue-mode test, from Debian packages (apt-get install -y
// redis-server postgresql), each in its own directory on a free loopback port, run as the
// `postgres` user when the script runs as root (postgres refuses root). stop() ends exactly the
// processes started here.
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const { spawn, spawnSync } = require('node:child_process');
const { freePort } = require('../dev/n8n-start');

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function pgBin(name) {
	const dir = fs.existsSync('/usr/lib/postgresql') ? fs.readdirSync('/usr/lib/postgresql').sort().pop() : undefined;
	const candidate = dir && path.join('/usr/lib/postgresql', dir, 'bin', name);
	if (candidate && fs.existsSync(candidate)) return candidate;
	const r = spawnSync('which', [name], { encoding: 'utf8' });
	if (r.status === 0) return r.stdout.trim();
	throw new Error(`${name} not found: apt-get install -y postgresql`);
}

const asRoot = typeof process.getuid === 'function' && process.getuid() === 0;
/** Spawn options that run postgres's tools as the postgres user when we are root. */
function postgresUser() {
	if (!asRoot) return {};
	const id = (flag) => Number(spawnSync('id', [flag, 'postgres'], { encoding: 'utf8' }).stdout.trim());
	return { uid: id('-u'), gid: id('-g') };
}

function stopper(child, signal = 'SIGINT') {
	return async () => {
		if (child.exitCode !== null) return;
		const done = new Promise((r) => child.once('exit', r));
		child.kill(signal);
		const timer = setTimeout(() => child.exitCode === null && child.kill('SIGKILL'), 10000);
		await done;
		clearTimeout(timer);
	};
}

async function startPostgres(dir) {
	fs.mkdirSync(dir, { recursive: true });
	const user = postgresUser();
	if (asRoot) {
		fs.chmodSync(path.dirname(dir), 0o755);
		fs.chownSync(dir, user.uid, user.gid);
	}
	const data = path.join(dir, 'data');
	const init = spawnSync(pgBin('initdb'), ['-D', data, '-A', 'trust', '-U', 'n8n', '--no-sync'], { encoding: 'utf8', cwd: dir, ...user });
	if (init.status !== 0) throw new Error(`initdb failed: ${init.stderr}`);
	const port = await freePort();
	const args = ['-D', data, '-p', String(port), '-k', dir, '-c', 'listen_addresses=127.0.0.1', '-c', 'fsync=off'];
	const log = fs.openSync(path.join(dir, 'postgres.log'), 'a');
	const child = spawn(pgBin('postgres'), args, { stdio: ['ignore', log, log], cwd: dir, ...user });
	fs.closeSync(log);
	process.once('exit', () => child.exitCode === null && child.kill('SIGKILL'));
	const createArgs = ['-h', '127.0.0.1', '-p', String(port), '-U', 'n8n', 'n8n'];
	for (let i = 0; ; i++) {
		if (child.exitCode !== null) throw new Error(`postgres exited: see ${dir}/postgres.log`);
		const r = spawnSync(pgBin('createdb'), createArgs, { encoding: 'utf8' });
		if (r.status === 0) break;
		if (i > 100) throw new Error(`createdb failed: ${r.stderr}`);
		await sleep(200);
	}
	// SIGINT: postgres's fast shutdown.
	return { port, stop: stopper(child, 'SIGINT') };
}

async function startRedis(dir) {
	fs.mkdirSync(dir, { recursive: true });
	const port = await freePort();
	const child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir], { stdio: 'ignore' });
	process.once('exit', () => child.exitCode === null && child.kill('SIGKILL'));
	for (let i = 0; ; i++) {
		if (child.exitCode !== null) throw new Error('redis-server exited (apt-get install -y redis-server)');
		const r = spawnSync('redis-cli', ['-p', String(port), 'ping'], { encoding: 'utf8' });
		if (r.stdout && r.stdout.includes('PONG')) break;
		if (i > 100) throw new Error('redis-server did not answer');
		await sleep(100);
	}
	return { port, stop: stopper(child, 'SIGTERM') };
}

module.exports = { startPostgres, startRedis };
