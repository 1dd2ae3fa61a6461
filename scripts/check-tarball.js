#!/usr/bin/env node
// Release gate: what `npm publish` would upload. Only the build output and the package's own
// documents may ship (dist/, package.json, README, CHANGELOG, LICENSE), and the tarball stays
// under 150 KB. Runs `npm publish --dry-run` (nothing is uploaded) and prints the figures.
'use strict';
const { spawnSync } = require('node:child_process');
const path = require('node:path');

const MAX_BYTES = 150 * 1024;
const ALLOWED = [/^dist\//, /^package\.json$/, /^README\.md$/, /^CHANGELOG\.md$/, /^LICENSE\.md$/];
const REQUIRED = ['package.json', 'README.md', 'CHANGELOG.md', 'LICENSE.md'];

const run = spawnSync('npm', ['publish', '--dry-run', '--json', '--ignore-scripts'], {
	cwd: path.join(__dirname, '..'),
	encoding: 'utf8',
});
if (run.status !== 0) {
	console.error(run.stderr);
	throw new Error(`npm publish --dry-run failed with exit ${run.status}`);
}
const report = JSON.parse(run.stdout);
const pack = report.files ? report : Object.values(report)[0];
const files = pack.files.map((file) => file.path);

const problems = [];
for (const file of files) {
	if (!ALLOWED.some((pattern) => pattern.test(file))) problems.push(`unexpected file in the tarball: ${file}`);
}
for (const file of REQUIRED) {
	if (!files.includes(file)) problems.push(`missing from the tarball: ${file}`);
}
if (!files.some((file) => file.startsWith('dist/nodes/'))) problems.push('no dist/nodes in the tarball (build first)');
if (pack.size > MAX_BYTES) problems.push(`tarball is ${pack.size} bytes, over ${MAX_BYTES}`);

console.log(
	`tarball ${pack.name}@${pack.version}: ${(pack.size / 1024).toFixed(1)} KB packed, ${(pack.unpackedSize / 1024).toFixed(1)} KB unpacked, ${files.length} files`,
);
if (problems.length) {
	console.error(`tarball check failed:\n- ${problems.join('\n- ')}`);
	process.exit(1);
}
console.log('tarball check: ok');
