#!/usr/bin/env node
// Long-text splitter figures, printed by `npm run bench` (and runnable alone:
// `node scripts/bench/split.js`). Not a timed test: it only prints a table.
// For each shape of text, splitText (nodes/Fiwano/v3/shared/split.ts, compiled on the fly from
// source, so no build is needed) on 10k and 100k code points at the smallest channel limit:
// CPU ms (fastest of 5 after a warm-up) and the 10k -> 100k growth ratio (linear ~ 10x).
// With BENCH_SPLIT_OLD=1 the pre-rewrite implementation (test/unit/split-reference.ts) is
// measured too, on 10k and 20k only (it is quadratic: linear ~ 2x, quadratic ~ 4x).
'use strict';
const fs = require('node:fs');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..', '..');
const LIMIT = 1000;

/** Lets require() load the TypeScript sources: transpile only, no type check. */
function registerTypeScript() {
	if (require.extensions['.ts']) return;
	const ts = require('typescript');
	require.extensions['.ts'] = (module, filename) => {
		const { outputText } = ts.transpileModule(fs.readFileSync(filename, 'utf8'), {
			compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022 },
			fileName: filename,
		});
		module._compile(outputText, filename);
	};
}

/** `unit` repeated to exactly `size` code points. */
function repeatTo(unit, size) {
	const points = Array.from(unit);
	const out = [];
	for (let i = 0; i < size; i++) out.push(points[i % points.length]);
	return out.join('');
}

const SHAPES = {
	prose: (n) =>
		repeatTo('Your order is on its way. Thank you for shopping with us! Any questions?\n\n', n),
	'newline + spaces': (n) => '\n' + ' '.repeat(n - 1),
	'no boundaries': (n) => 'x'.repeat(n),
	'one long sentence': (n) => repeatTo('and then the parcel went on ', n),
	'punctuation run': (n) => '!'.repeat(n),
	'ZWJ emoji': (n) => repeatTo('👨‍👩‍👧', n),
	'combining marks': (n) => repeatTo('e\u0301\u0323', n),
	'one huge cluster': (n) => 'a' + '\u0301'.repeat(n - 1),
	'mixed scripts': (n) => repeatTo('Hello мир مرحبا 世界。 שלום 👍🏽 नमस्ते. ', n),
	CJK: (n) => repeatTo('我们已经发货了。请注意查收！', n),
};

/** Fastest of `runs` after a warm-up, in CPU ms: other processes on the machine inflate wall time. */
function time(split, text, runs) {
	split(text, LIMIT);
	let best = Infinity;
	for (let i = 0; i < runs; i++) {
		const start = process.cpuUsage();
		split(text, LIMIT);
		const used = process.cpuUsage(start);
		best = Math.min(best, (used.user + used.system) / 1000);
	}
	return best;
}

function table(rows) {
	const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => String(r[i]).length)));
	const line = (r) => `| ${r.map((c, i) => String(c).padEnd(widths[i])).join(' | ')} |`;
	const rule = `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`;
	return [line(rows[0]), rule, ...rows.slice(1).map(line)].join('\n');
}

const fmt = (ms) => `${ms.toFixed(ms < 10 ? 2 : 1)} ms`;

function printSplitBench() {
	registerTypeScript();
	const { splitText } = require(path.join(ROOT, 'nodes', 'Fiwano', 'v3', 'shared', 'split.ts'));
	const withOld = process.env.BENCH_SPLIT_OLD === '1';
	const old = withOld
		? require(path.join(ROOT, 'test', 'unit', 'split-reference.ts')).splitTextQuadratic
		: undefined;
	const header = ['splitText, limit ' + LIMIT, '10k', '100k', 'growth'];
	if (old) header.push('old 10k', 'old 20k', 'old growth');
	const rows = [header];
	let worst = 0;
	for (const [name, make] of Object.entries(SHAPES)) {
		const small = time(splitText, make(10_000), 5);
		const large = time(splitText, make(100_000), 5);
		worst = Math.max(worst, large);
		const row = [name, fmt(small), fmt(large), `${(large / small).toFixed(1)}x`];
		if (old) {
			const a = time(old, make(10_000), 1);
			const b = time(old, make(20_000), 1);
			row.push(fmt(a), fmt(b), `${(b / a).toFixed(1)}x`);
		}
		rows.push(row);
	}
	console.log(`Node ${process.version}`);
	console.log(table(rows));
	console.log(
		`(target: every shape < 50 ms at 100k, growth ~10x; slowest: ${fmt(worst)})` +
			(old ? '; old: 10k -> 20k, linear ~2x, quadratic ~4x' : ''),
	);
}

module.exports = { printSplitBench, SHAPES };

if (require.main === module) printSplitBench();
