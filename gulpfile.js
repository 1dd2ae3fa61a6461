// Second build step, after `n8n-node build` (tsc + svg/png copy). n8n reads each node's
// codex file (<Node>.node.json: categories, doc links) from beside the compiled node, and
// tsc does not emit JSON files that nothing imports. This copies codex files and icons into
// dist and fails the build if a node listed in package.json ends up without its codex or icon.
const { dest, series, src } = require('gulp');
const fs = require('fs');
const path = require('path');

function copyCodexFiles() {
	return src('nodes/**/*.node.json', { base: '.' }).pipe(dest('dist'));
}

function copyIcons() {
	return src(['icons/**/*.svg', 'nodes/**/*.svg', 'credentials/**/*.svg'], {
		base: '.',
		allowEmpty: true,
	}).pipe(dest('dist'));
}

function verifyDist(done) {
	const { n8n } = require('./package.json');
	const missing = [];
	for (const nodePath of n8n.nodes) {
		if (!fs.existsSync(nodePath)) missing.push(nodePath);
		const codex = nodePath.replace(/\.js$/, '.json');
		if (!fs.existsSync(codex)) missing.push(codex);
	}
	for (const credentialPath of n8n.credentials) {
		if (!fs.existsSync(credentialPath)) missing.push(credentialPath);
	}
	for (const icon of fs.readdirSync('icons')) {
		if (!fs.existsSync(path.join('dist/icons', icon))) missing.push(`dist/icons/${icon}`);
	}
	done(missing.length ? new Error(`Build output incomplete: ${missing.join(', ')}`) : undefined);
}

exports.build = series(copyCodexFiles, copyIcons, verifyDist);
exports.default = exports.build;
