/**
 * The splitter as it was before the linear rewrite (quadratic on long whitespace runs, long
 * punctuation runs and many small pieces). Kept only as the reference the property tests
 * compare the new implementation with on short inputs, and for the before/after figures of
 * scripts/bench/split.js. Never shipped.
 */
import { graphemeBoundaries } from '../../nodes/Fiwano/v3/shared/split';

type Range = [number, number];

const LEVELS: RegExp[] = [
	/\r?\n[^\S\r\n]*\r?\n\s*/g, // paragraphs: a blank line
	/\r?\n/g, // lines
	/[.!?\u2026\u3002\uFF01\uFF1F]+["'\u201D\u2019\u00BB)\]]*\s+/g, // sentences
	/\s+/g, // words
];

/** Splits `text` into parts of at most `limit` code points each (see the module comment). */
export function splitTextQuadratic(text: string, limit: number): string[] {
	if (!Number.isInteger(limit) || limit < 1)
		throw new RangeError('limit must be a positive integer');
	// Code points before each UTF-16 offset.
	const before = new Int32Array(text.length + 1);
	for (let i = 0, count = 0; i < text.length; i++) {
		const code = text.charCodeAt(i);
		const low = i > 0 && code >= 0xdc00 && code <= 0xdfff;
		const previous = text.charCodeAt(i - 1);
		if (!(low && previous >= 0xd800 && previous <= 0xdbff)) count++;
		before[i + 1] = count;
	}
	const size = ([start, end]: Range) => before[end] - before[start];
	const boundaries = graphemeBoundaries(text);
	const isBoundary = new Uint8Array(text.length + 1);
	for (const offset of boundaries) isBoundary[offset] = 1;

	/** Cut offsets inside the range for a level (4 = grapheme clusters, 5 = code points). */
	function cuts([start, end]: Range, level: number): number[] {
		if (level < LEVELS.length) {
			const pattern = new RegExp(LEVELS[level].source, 'g');
			pattern.lastIndex = start;
			const found: number[] = [];
			const slice = text.slice(0, end);
			for (let match = pattern.exec(slice); match; match = pattern.exec(slice)) {
				const at = match.index + match[0].length;
				if (at > start && at < end && isBoundary[at]) found.push(at);
				if (match[0].length === 0) pattern.lastIndex++;
			}
			return found;
		}
		const found: number[] = [];
		for (let at = start + 1; at < end; at++) {
			// Grapheme clusters first; code points only for a cluster longer than the limit.
			if (level === LEVELS.length ? isBoundary[at] : before[at + 1] !== before[at]) found.push(at);
		}
		return found;
	}

	/**
	 * Pieces no longer than the limit: a range that fits stays whole; a longer one is cut at
	 * this level's boundaries, and any piece still too long at the next level down.
	 */
	function pieces(range: Range, level: number): Range[] {
		if (size(range) <= limit) return [range];
		const points = cuts(range, level);
		if (points.length === 0) return pieces(range, level + 1);
		const out: Range[] = [];
		let from = range[0];
		for (const at of [...points, range[1]]) {
			out.push(...pieces([from, at], level + 1));
			from = at;
		}
		return out;
	}

	/** Greedy packing: each part takes as many consecutive pieces as fit. */
	function pack(all: Range[]): Range[] {
		const parts: Range[] = [];
		let current: Range | undefined;
		for (const piece of all) {
			// Whitespace at a cut is dropped, so it does not count against the part.
			if (current && size(trim([current[0], piece[1]])) <= limit) current = [current[0], piece[1]];
			else {
				if (current) parts.push(current);
				current = piece;
			}
		}
		if (current) parts.push(current);
		return parts;
	}

	const boundaryIndex = new Map(boundaries.map((offset, i) => [offset, i]));
	const isSpace = (from: number, to: number) => /^\s+$/u.test(text.slice(from, to));
	/** Drops whitespace at the edges of a part, one whole grapheme cluster at a time. */
	function trim([start, end]: Range): Range {
		let s = boundaryIndex.get(start);
		let e = boundaryIndex.get(end);
		// A part cut out of a single oversized cluster is left as it is.
		if (s === undefined || e === undefined) return [start, end];
		while (s < e && isSpace(boundaries[s], boundaries[s + 1])) s++;
		while (e > s && isSpace(boundaries[e - 1], boundaries[e])) e--;
		return [boundaries[s], boundaries[e]];
	}

	return pack(pieces([0, text.length], 0))
		.map((range) => (size(range) > 0 ? trim(range) : range))
		.filter((range) => size(range) > 0)
		.map(([start, end]) => text.slice(start, end));
}
