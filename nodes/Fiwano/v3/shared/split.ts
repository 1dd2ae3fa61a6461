/**
 * Splitting long text for channels with a length limit. Lengths are counted in Unicode code
 * points, as the API counts them. Cuts fall only between grapheme clusters (never inside a
 * surrogate pair, before a combining mark or inside an emoji sequence), preferring paragraph,
 * then line, then sentence, then word boundaries; pieces are packed greedily, so every part
 * is as full as those boundaries allow. Time and memory grow linearly with the text: every
 * level scans only the ranges the level above left too long, with hand-written scanners (no
 * backtracking regex), and whitespace at the edges of a part is found through prefix tables.
 */

import { isSpace, scanCuts } from './cuts';
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

/** Splits `text` into parts of at most `limit` code points each (see the module comment). */
export function splitText(text: string, limit: number): string[] {
	if (!Number.isInteger(limit) || limit < 1) {
		throw new RangeError('limit must be a positive integer');
	}
	const length = text.length;
	// Code points before each UTF-16 offset.
	const before = new Int32Array(length + 1);
	for (let at = 0, count = 0, previous = 0; at < length; at++) {
		const code = text.charCodeAt(at);
		if (!(code >= 0xdc00 && code <= 0xdfff && previous >= 0xd800 && previous <= 0xdbff)) count++;
		before[at + 1] = count;
		previous = code;
	}
	const size = (start: number, end: number) => before[end] - before[start];
	const isBoundary = graphemeBreaks(text, Segmenter);

	// For trimming, at each cluster boundary: the start of the first cluster from there on that
	// is not all whitespace, and the end of the last such cluster up to there.
	const nextSolid = new Int32Array(length + 1);
	const prevSolid = new Int32Array(length + 1);
	for (let start = 0, spaces = true, at = 1; at <= length; at++) {
		if (!isBoundary[at]) {
			spaces &&= isSpace(text.charCodeAt(at));
			continue;
		}
		prevSolid[at] = spaces && isSpace(text.charCodeAt(start)) ? prevSolid[start] : at;
		[start, spaces] = [at, true];
	}
	nextSolid[length] = length;
	for (let end = length, at = length - 1; at >= 0; at--) {
		if (!isBoundary[at]) continue;
		let spaces = true;
		for (let i = at; i < end && spaces; i++) spaces = isSpace(text.charCodeAt(i));
		nextSolid[at] = spaces ? nextSolid[end] : at;
		end = at;
	}
	/** Part without whitespace at its edges; a part cut out of an oversized cluster stays as is. */
	function trim(start: number, end: number): [number, number] {
		if (!isBoundary[start] || !isBoundary[end]) return [start, end];
		const from = Math.min(nextSolid[start], end);
		return [from, Math.max(prevSolid[end], from)];
	}

	// Greedy packing, piece by piece as they are found: each part takes as many consecutive
	// pieces as fit, whitespace at a cut not counting because it is dropped.
	const parts: string[] = [];
	let partStart = -1;
	let partEnd = 0;
	let pieceStart = 0;
	function emit() {
		const [start, end] = trim(partStart, partEnd);
		if (size(start, end) > 0) parts.push(text.slice(start, end));
	}
	function addPiece(end: number) {
		if (partStart >= 0 && size(...trim(partStart, end)) <= limit) partEnd = end;
		else {
			if (partStart >= 0) emit();
			[partStart, partEnd] = [pieceStart, end];
		}
		pieceStart = end;
	}

	/**
	 * Pieces no longer than the limit: a range that fits stays whole; a longer one is cut at
	 * this level's boundaries (0-3: see cuts.ts, 4 grapheme clusters, 5 code points), and any
	 * piece still too long at the next level down. Each level scans only ranges the level
	 * above left too long, so each costs one pass over the text at most.
	 */
	function pieces(start: number, end: number, level: number): void {
		if (size(start, end) <= limit) return addPiece(end);
		let from = start;
		const cut = (at: number) => {
			if (at <= from || at >= end) return;
			if (size(from, at) <= limit) addPiece(at);
			else pieces(from, at, level + 1);
			from = at;
		};
		if (level < 4) scanCuts(text, start, end, level, (at) => isBoundary[at] && cut(at));
		else {
			// Grapheme clusters first; code points only for a cluster longer than the limit.
			for (let at = start + 1; at < end; at++) {
				if (level === 4 ? isBoundary[at] : before[at + 1] !== before[at]) cut(at);
			}
		}
		if (from === start) return pieces(start, end, level + 1);
		if (size(from, end) <= limit) addPiece(end);
		else pieces(from, end, level + 1);
	}

	pieces(0, length, 0);
	if (partStart >= 0) emit();
	return parts;
}
