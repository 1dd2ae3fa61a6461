/**
 * Splitting long text for channels with a length limit. Lengths are counted in Unicode code
 * points, as the API counts them. Cuts fall only between grapheme clusters (never inside a
 * surrogate pair, before a combining mark or inside an emoji sequence), preferring paragraph,
 * then line, then sentence, then word boundaries; pieces are packed greedily, so every part
 * is as full as those boundaries allow. Time and memory grow linearly with the text: every
 * level scans only the ranges the level above left too long, with hand-written scanners (no
 * backtracking regex), and whitespace at the edges of a part is found through prefix tables.
 */

import { markGraphemeBreaks, type SegmenterConstructor } from './graphemes';

/** Text limits of POST /messages/send, in code points. */
export const TEXT_LIMITS: Record<string, number> = {
	facebook: 2000,
	instagram: 1000,
	whatsapp: 4096,
};

/** Below or at this length no channel needs splitting, and no channel look-up is made. */
export const SMALLEST_TEXT_LIMIT = Math.min(...Object.values(TEXT_LIMITS));

/** Limit of a channel type; an unknown type gets the smallest, which is safe everywhere. */
export const textLimitFor = (channelType: unknown) =>
	TEXT_LIMITS[String(channelType ?? '').toLowerCase()] ?? SMALLEST_TEXT_LIMIT;

const Segmenter = (Intl as unknown as { Segmenter?: SegmenterConstructor }).Segmenter;

/** Continues the cluster before it: combining marks, ZWJ, variation selectors, skin tones, tags. */
export function extendsCluster(char: string): boolean {
	const code = char.codePointAt(0) ?? 0;
	return (
		/^\p{M}$/u.test(char) ||
		code === 0x200d ||
		(code >= 0xfe00 && code <= 0xfe0f) ||
		(code >= 0x1f3fb && code <= 0x1f3ff) ||
		(code >= 0xe0020 && code <= 0xe007f)
	);
}

/** 1 at every UTF-16 offset where a grapheme cluster starts, and at the end of the text. */
function graphemeBreaks(text: string, segmenter: SegmenterConstructor | undefined): Uint8Array {
	if (segmenter) return markGraphemeBreaks(text, segmenter);
	// Runtimes without Intl.Segmenter: code points, glued to whatever extends them.
	const breaks = new Uint8Array(text.length + 1);
	let index = 0;
	let previous = '';
	for (const char of text) {
		if (index === 0 || !(extendsCluster(char) || previous === '\u200D')) breaks[index] = 1;
		previous = char;
		index += char.length;
	}
	breaks[text.length] = 1;
	return breaks;
}

/** UTF-16 offsets where a grapheme cluster starts, plus the end of the text. */
export function graphemeBoundaries(
	text: string,
	segmenter: SegmenterConstructor | undefined = Segmenter,
): number[] {
	const breaks = graphemeBreaks(text, segmenter);
	const offsets: number[] = [];
	for (let at = 0; at <= text.length; at++) if (breaks[at]) offsets.push(at);
	return offsets;
}

/** JavaScript's \s, one UTF-16 unit at a time. */
function isSpace(code: number): boolean {
	return (
		code === 0x20 ||
		(code >= 0x09 && code <= 0x0d) ||
		code === 0xa0 ||
		code === 0x1680 ||
		(code >= 0x2000 && code <= 0x200a) ||
		code === 0x2028 ||
		code === 0x2029 ||
		code === 0x202f ||
		code === 0x205f ||
		code === 0x3000 ||
		code === 0xfeff
	);
}
const isNewline = (code: number) => code === 0x0a || code === 0x0d;
const ENDS_SENTENCE = new Set([...'.!?\u2026\u3002\uFF01\uFF1F'].map((c) => c.charCodeAt(0)));
const CLOSES_SENTENCE = new Set([...'"\'\u201D\u2019\u00BB)]'].map((c) => c.charCodeAt(0)));

/** Splits `text` into parts of at most `limit` code points each (see the module comment). */
export function splitText(text: string, limit: number): string[] {
	if (!Number.isInteger(limit) || limit < 1)
		throw new RangeError('limit must be a positive integer');
	const length = text.length;
	const code = (at: number) => text.charCodeAt(at);
	// Code points before each UTF-16 offset.
	const before = new Int32Array(length + 1);
	for (let i = 0, count = 0; i < length; i++) {
		const low = i > 0 && code(i) >= 0xdc00 && code(i) <= 0xdfff;
		if (!(low && code(i - 1) >= 0xd800 && code(i - 1) <= 0xdbff)) count++;
		before[i + 1] = count;
	}
	const size = (start: number, end: number) => before[end] - before[start];
	const isBoundary = graphemeBreaks(text, Segmenter);

	// For trimming: the first cluster at or after a boundary that is not all whitespace, and
	// the end of the last such cluster at or before it.
	const nextSolid = new Int32Array(length + 1);
	const prevSolid = new Int32Array(length + 1);
	for (let start = 0, spaces = true, at = 1; at <= length; at++) {
		if (!isBoundary[at]) {
			spaces &&= isSpace(code(at));
			continue;
		}
		spaces &&= isSpace(code(start));
		prevSolid[at] = spaces ? prevSolid[start] : at;
		[start, spaces] = [at, true];
	}
	nextSolid[length] = length;
	for (let end = length, at = length - 1; at >= 0; at--) {
		if (!isBoundary[at]) continue;
		let spaces = true;
		for (let i = at; i < end && spaces; i++) spaces = isSpace(code(i));
		nextSolid[at] = spaces ? nextSolid[end] : at;
		end = at;
	}
	/** Drops whitespace at the edges of a part, one whole grapheme cluster at a time. */
	function trim(start: number, end: number): [number, number] {
		// A part cut out of a single oversized cluster is left as it is.
		if (!isBoundary[start] || !isBoundary[end]) return [start, end];
		const from = Math.min(nextSolid[start], end);
		return [from, Math.max(prevSolid[end], from)];
	}

	const pieceEnds: number[] = [];
	/**
	 * Pieces no longer than the limit: a range that fits stays whole; a longer one is cut at
	 * this level's boundaries, and any piece still too long at the next level down.
	 */
	function pieces(start: number, end: number, level: number): void {
		if (size(start, end) <= limit) {
			pieceEnds.push(end);
			return;
		}
		const points = cuts(start, end, level);
		if (points.length === 0) return pieces(start, end, level + 1);
		let from = start;
		for (const at of points) {
			pieces(from, at, level + 1);
			from = at;
		}
		pieces(from, end, level + 1);
	}

	/**
	 * Cut offsets strictly inside [start, end), each where a match of the level's pattern ends,
	 * as a regex over the text up to `end` would find them: 0 paragraphs (a blank line and the
	 * whitespace after it), 1 lines, 2 sentences (end marks, closing quotes, whitespace),
	 * 3 words (whitespace runs), 4 grapheme clusters, 5 code points. Each scan is one pass.
	 */
	function cuts(start: number, end: number, level: number): number[] {
		const found: number[] = [];
		const add = (at: number) => {
			if (at > start && at < end && isBoundary[at]) found.push(at);
		};
		/** Length of a line break at `at` (\n or \r\n), 0 if none. */
		const newline = (at: number) =>
			code(at) === 0x0a && at < end
				? 1
				: code(at) === 0x0d && code(at + 1) === 0x0a && at + 1 < end
					? 2
					: 0;
		let at = start;
		if (level === 0) {
			while (at < end) {
				const first = newline(at);
				if (!first) {
					at++;
					continue;
				}
				let next = at + first;
				while (next < end && isSpace(code(next)) && !isNewline(code(next))) next++;
				const second = newline(next);
				if (!second) {
					at = Math.max(at + 1, next);
					continue;
				}
				for (next += second; next < end && isSpace(code(next)); ) next++;
				add(next);
				at = next;
			}
		} else if (level === 1) {
			for (; at < end; at++) if (code(at) === 0x0a) add(at + 1);
		} else if (level === 2) {
			while (at < end) {
				if (!ENDS_SENTENCE.has(code(at))) {
					at++;
					continue;
				}
				while (at < end && ENDS_SENTENCE.has(code(at))) at++;
				while (at < end && CLOSES_SENTENCE.has(code(at))) at++;
				if (at >= end || !isSpace(code(at))) continue;
				while (at < end && isSpace(code(at))) at++;
				add(at);
			}
		} else if (level === 3) {
			for (; at < end; at++)
				if (isSpace(code(at)) && !(at + 1 < end && isSpace(code(at + 1)))) add(at + 1);
		} else {
			// Grapheme clusters first; code points only for a cluster longer than the limit.
			for (at = start + 1; at < end; at++) {
				if (level === 4 ? isBoundary[at] : before[at + 1] !== before[at]) found.push(at);
			}
		}
		return found;
	}

	pieces(0, length, 0);
	// Greedy packing: each part takes as many consecutive pieces as fit, whitespace at a cut
	// not counting against it because it is dropped.
	const parts: Array<[number, number]> = [];
	let current: [number, number] | undefined;
	let pieceStart = 0;
	for (const pieceEnd of pieceEnds) {
		if (current && size(...trim(current[0], pieceEnd)) <= limit) current[1] = pieceEnd;
		else {
			if (current) parts.push(current);
			current = [pieceStart, pieceEnd];
		}
		pieceStart = pieceEnd;
	}
	if (current) parts.push(current);
	return parts
		.map(([start, end]) => (size(start, end) > 0 ? trim(start, end) : [start, end]))
		.filter(([start, end]) => size(start, end) > 0)
		.map(([start, end]) => text.slice(start, end));
}
