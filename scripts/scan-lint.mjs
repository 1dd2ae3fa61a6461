// Runs the lint stage of n8n's community-package scanner (@n8n/scan-community-package)
// offline. The real CLI first downloads the published package and checks npm provenance;
// its ESLint rule set (inline eslint-disable ignored) is the part we can and must pass here.
// Sources are linted as the scanner lints the attested source checkout, and the built
// package (package.json + dist) as it lints the published tarball. Warnings fail too.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { ESLint } from 'eslint';
import glob from 'fast-glob';
import {
	buildScanConfig,
	SOURCE_FILE_PATTERNS,
} from '@n8n/scan-community-package/scanner/scanner.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const stages = [['sources', SOURCE_FILE_PATTERNS]];
if (existsSync(join(root, 'dist'))) {
	stages.push(['built package', ['package.json', 'dist/**/*.{js,json}']]);
}

const eslint = new ESLint({
	cwd: root,
	allowInlineConfig: false,
	overrideConfigFile: true,
	overrideConfig: await buildScanConfig(),
});
const formatter = await eslint.loadFormatter('stylish');

let failed = false;
for (const [label, patterns] of stages) {
	const files = glob.sync(patterns, {
		cwd: root,
		absolute: true,
		ignore: ['node_modules/**', '**/package-lock.json'],
	});
	const results = await eslint.lintFiles(files);
	const errors = results.reduce((sum, r) => sum + r.errorCount, 0);
	const warnings = results.reduce((sum, r) => sum + r.warningCount, 0);
	console.log(
		`community-package scanner rules (${label}, ${files.length} files): ${errors} errors, ${warnings} warnings`,
	);
	if (errors || warnings) {
		failed = true;
		console.error(await formatter.format(results));
	}
}
process.exit(failed ? 1 : 0);
