// Where `npm run try` leaves the URLs of what it started, for `npm run simulate`.
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const { paths } = require('./n8n-install');

const file = () => path.join(paths().root, 'dev-state.json');

function writeState(state) {
	fs.mkdirSync(path.dirname(file()), { recursive: true });
	fs.writeFileSync(file(), JSON.stringify(state, null, 2) + '\n');
}

function readState() {
	try {
		return JSON.parse(fs.readFileSync(file(), 'utf8'));
	} catch {
		return undefined;
	}
}

function clearState() {
	fs.rmSync(file(), { force: true });
}

module.exports = { writeState, readState, clearState };
