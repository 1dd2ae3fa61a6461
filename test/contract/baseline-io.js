// File access for the public-contract test. Kept in plain JavaScript because the community
// node lint rules forbid importing Node built-ins such as fs and path from TypeScript.
'use strict';

const fs = require('fs');
const path = require('path');

/** Our own versions: regenerated from code with UPDATE_CONTRACT=1. */
const BASELINE_PATH = path.join(__dirname, 'baseline.json');

/**
 * The vendor's published versions, written by hand from
 * /work/shared/fiwano/published-node-contract.md. Deliberately read-only here: nothing in
 * this package writes it, so it stays an independent check of the legacy implementation.
 */
const PUBLISHED_BASELINE_PATH = path.join(__dirname, 'published-baseline.json');

function readJson(file) {
	if (!fs.existsSync(file)) return undefined;
	return JSON.parse(fs.readFileSync(file, 'utf8'));
}

/** The committed baseline, or undefined when the file does not exist. */
function readBaseline() {
	return readJson(BASELINE_PATH);
}

/** The hand-written published baseline, or undefined when the file does not exist. */
function readPublishedBaseline() {
	return readJson(PUBLISHED_BASELINE_PATH);
}

/** Writes baseline.json (never the published one) as stable, reviewable JSON. */
function writeBaseline(contract) {
	fs.writeFileSync(BASELINE_PATH, `${JSON.stringify(contract, null, '\t')}\n`, 'utf8');
}

/** True when the run was started with UPDATE_CONTRACT=1 (rewrite baseline.json). */
function shouldUpdateBaseline() {
	return process.env.UPDATE_CONTRACT === '1';
}

module.exports = {
	BASELINE_PATH,
	PUBLISHED_BASELINE_PATH,
	readBaseline,
	readPublishedBaseline,
	writeBaseline,
	shouldUpdateBaseline,
};
