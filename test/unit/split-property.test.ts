import { graphemeBoundaries, splitText } from '../../nodes/Fiwano/v3/shared/split';
import type { SegmenterConstructor } from '../../nodes/Fiwano/v3/shared/graphemes';
import { splitTextQuadratic } from './split-reference';

// Property tests: seeded random and adversarial texts. The linear splitter must give exactly
// what the original (quadratic) one gave, and the properties hold whatever the text.

function random(seed: number) {
	let state = seed >>> 0;
	const next = () => {
		state = (state + 0x6d2b79f5) >>> 0;
		let t = state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
	const int = (n: number) => Math.floor(next() * n);
	const pick = <T>(list: readonly T[]) => list[int(list.length)];
	return { next, int, pick };
}

/** Pieces that exercise every rule: cut levels, whitespace kinds, clusters of every sort. */
const PIECES = [
	'a',
	'b',
	'word',
	' ',
	'  ',
	'\t',
	'\n',
	'\r\n',
	'\r',
	'\n\n',
	'\n \n',
	'\u00a0',
	'\u3000',
	'.',
	'!',
	'?',
	'...',
	'"',
	')',
	'»',
	'\u2026',
	'\u3002',
	'\uff01',
	'e\u0301',
	'\u0301',
	'\u200d',
	'\ufe0f',
	'👨‍👩‍👧',
	'👍🏽',
	'🏴\u{e0067}\u{e0062}\u{e0073}\u{e0063}\u{e0074}\u{e007f}',
	'\u{1f1fa}',
	'\u{1f1f8}',
	'1\ufe0f\u20e3',
	'क',
	'्',
	'ष',
	'ा',
	'ि',
	'नमस्ते',
	'가',
	'각',
	'\u1100',
	'\u1161',
	'\u11a8',
	'\u0600',
	'\u0e33',
	'\u{11000}',
	'\u{11038}',
	'\u{110bd}',
	'\ud800',
	'\udc00',
	'\u00ad',
	'\u200b',
	'мир',
	'مرحبا',
	'世界',
	'ก',
	'\u0e31',
	'\u1000',
	'\u103a',
] as const;

function randomText(r: ReturnType<typeof random>, pieces: number): string {
	let text = '';
	for (let i = 0; i < pieces; i++) text += r.pick(PIECES);
	return text;
}

const Segmenter = (Intl as unknown as { Segmenter: SegmenterConstructor }).Segmenter;
const segmenter = new Segmenter(undefined, { granularity: 'grapheme' });
const segmenterBoundaries = (text: string) => [
	...Array.from(segmenter.segment(text), ({ index }) => index),
	text.length,
];
const codePoints = (text: string) => Array.from(text).length;
const isWhitespace = (char: string) => /\s/.test(char);

/** Every part fits, nothing but whitespace at the cuts is lost, no cut inside a cluster. */
function expectValidSplit(text: string, limit: number, parts: string[]) {
	const boundaries = new Set(segmenterBoundaries(text));
	const clusterLength = (at: number) => {
		let start = at;
		while (!boundaries.has(start)) start--;
		let end = at;
		while (!boundaries.has(end)) end++;
		return codePoints(text.slice(start, end));
	};
	const expectCutAllowed = (at: number) => {
		if (boundaries.has(at)) return;
		// Only a cluster longer than the limit is cut, and then between code points.
		expect(clusterLength(at)).toBeGreaterThan(limit);
		const previous = text.charCodeAt(at - 1);
		const next = text.charCodeAt(at);
		expect(previous >= 0xd800 && previous <= 0xdbff && next >= 0xdc00 && next <= 0xdfff).toBe(
			false,
		);
	};
	let cursor = 0;
	for (const part of parts) {
		expect(codePoints(part)).toBeLessThanOrEqual(limit);
		expect(part.length).toBeGreaterThan(0);
		let at = cursor;
		while (!text.startsWith(part, at) && at < text.length && isWhitespace(text[at])) at++;
		expect(text.startsWith(part, at)).toBe(true);
		expectCutAllowed(at);
		expectCutAllowed(at + part.length);
		cursor = at + part.length;
	}
	expect(/^\s*$/.test(text.slice(cursor))).toBe(true);
}

describe('splitText properties', () => {
	it('gives exactly what the original splitter gave, on 800 random texts', () => {
		const r = random(20261121);
		for (let i = 0; i < 800; i++) {
			const text = randomText(r, r.int(60));
			const limit = 1 + r.int(i % 3 === 0 ? 4 : 40);
			expect([text, limit, splitText(text, limit)]).toEqual([
				text,
				limit,
				splitTextQuadratic(text, limit),
			]);
		}
	});

	it('keeps every part within the limit, loses only whitespace at cuts, never cuts a cluster', () => {
		const r = random(42);
		for (let i = 0; i < 150; i++) {
			const text = randomText(r, 1 + r.int(300));
			const limit = 1 + r.int(i % 2 ? 8 : 200);
			expectValidSplit(text, limit, splitText(text, limit));
		}
	});

	it.each([
		['newline then spaces', '\n' + ' '.repeat(1500)],
		['no boundaries', 'x'.repeat(1500)],
		['punctuation run', '!'.repeat(1500) + ' end'],
		['one long sentence', 'and then the parcel went on '.repeat(60)],
		['ZWJ emoji', '👨‍👩‍👧'.repeat(350)],
		['combining marks', 'e\u0301\u0323'.repeat(500)],
		['one huge cluster', 'a' + '\u0301'.repeat(1500)],
		['flags', '\u{1f1fa}\u{1f1f8}'.repeat(400) + '\u{1f1fa}'],
		['Devanagari without spaces', 'कामकाज'.repeat(250)],
		['Hangul jamo', '\u1100\u1161\u11a8'.repeat(500)],
		['CJK', '我们已经发货了。请注意查收！'.repeat(100)],
		['mixed scripts', 'Hello мир مرحبا 世界。 שלום 👍🏽 नमस्ते. \r\n\r\n'.repeat(50)],
	])('holds for adversarial shapes: %s', (_shape, text) => {
		for (const limit of [1, 7, 1000]) {
			expectValidSplit(text, limit, splitText(text, limit));
			// The old splitter is quadratic: compare on a bounded prefix (whole clusters, as sliced).
			const prefix = Array.from(text).slice(0, 600).join('');
			if (limit > 1) expect(splitText(prefix, limit)).toEqual(splitTextQuadratic(prefix, limit));
		}
	});
});

describe('graphemeBoundaries', () => {
	it('agrees with Intl.Segmenter on random texts, short and long', () => {
		const r = random(7);
		for (let i = 0; i < 150; i++) {
			const text = randomText(r, i % 10 === 0 ? 2000 : r.int(80));
			expect([text, graphemeBoundaries(text)]).toEqual([text, segmenterBoundaries(text)]);
		}
	});

	it('agrees with Intl.Segmenter on random code points of every plane', () => {
		const r = random(99);
		for (let i = 0; i < 100; i++) {
			let text = '';
			for (let j = 0; j < 200; j++) {
				const plane = r.next() < 0.7 ? 0x10000 : 0x30000;
				text += String.fromCodePoint(r.int(plane));
			}
			expect([text, graphemeBoundaries(text)]).toEqual([text, segmenterBoundaries(text)]);
		}
	});

	it.each([
		['conjuncts and vowel signs', 'क्षत्रिय कामकाज '.repeat(200)],
		['prepended marks', '\u0600\u0661'.repeat(800)],
		['Brahmi', '\u{11013}\u{11046}\u{11013}\u{11038}'.repeat(300)],
		['a run of controls and extenders', '\u00ad\u0301'.repeat(900)],
		['lone surrogates', '\ud800a\udc00\u0301'.repeat(500)],
	])('agrees with Intl.Segmenter on long undecided stretches: %s', (_shape, text) => {
		expect(graphemeBoundaries(text)).toEqual(segmenterBoundaries(text));
	});
});
