// File access for the public-contract test. Kept in plain JavaScript because the community
// node lint rules forbid importing Node built-ins such as fs and path from TypeScript.
'use strict';

const fs = require('fs');
const path = require('path');

const BASELINE_PATH = path.join(__dirname, 'baseline.json');

/** The committed baseline, or undefined when the file does not exist. */
function readBaseline() {
	if (!fs.existsSync(BASELINE_PATH)) return undefined;
	return JSON.parse(fs.readFileSync(BASELINE_PATH, 'utf8'));
}

/** Writes the baseline as stable, reviewable JSON (tabs, trailing newline). */
function writeBaseline(contract) {
	fs.writeFileSync(BASELINE_PATH, `${JSON.stringify(contract, null, '\t')}\n`, 'utf8');
}

/** True when the run was started with UPDATE_CONTRACT=1 (rewrite the baseline). */
function shouldUpdateBaseline() {
	return process.env.UPDATE_CONTRACT === '1';
}

module.exports = { BASELINE_PATH, readBaseline, writeBaseline, shouldUpdateBaseline };
