/**
 * Grapheme cluster boundaries in one linear pass. Intl.Segmenter is the authority, but on
 * Node 20 walking its segments costs time proportional to the whole string at every step
 * (100,000 emoji took minutes), and each call costs ~20 µs. So the rules of Unicode's UAX #29
 * that need no tables JavaScript lacks are applied here, code point by code point; only the
 * stretches between two certain boundaries that hold a case they cannot settle (prepended
 * marks, Indic conjuncts, lone surrogates) go to the segmenter: short ones batched into one
 * call, long ones in bounded windows. Every call therefore sees a bounded string.
 */

interface GraphemeSegmenter {
	segment(text: string): Iterable<{ index: number }>;
}
export type SegmenterConstructor = new (
	locale?: string,
	options?: { granularity: 'grapheme' },
) => GraphemeSegmenter;

const enum Kind {
	Other = 0,
	CR = 1 << 0,
	LF = 1 << 1,
	Control = 1 << 2,
	Extend = 1 << 3, // Grapheme_Extend or an emoji skin tone
	ZWJ = 1 << 4,
	SpacingMark = 1 << 5,
	Prepend = 1 << 6, // might be Prepend: left to the segmenter
	Pictographic = 1 << 7,
	Regional = 1 << 8,
	IndicLetter = 1 << 9, // might be an Indic conjunct consonant
	IndicMark = 1 << 10, // might be a conjunct linker
	HangulL = 1 << 11,
	HangulV = 1 << 12,
	HangulT = 1 << 13,
	HangulLV = 1 << 14,
	HangulLVT = 1 << 15,
	Surrogate = 1 << 16, // lone surrogate
}

const BATCH = 512; // UTF-16 units per segmenter call
const WINDOW = 256;
const MARGIN = 16; // boundaries this close to a window's end may depend on what follows
const SEPARATOR = '\u0001'; // a control: always a boundary on both sides

const EXTEND = /^[\p{Grapheme_Extend}\p{Emoji_Modifier}]$/u;
const CONTROL = /^[\p{Cc}\p{Zl}\p{Zp}\p{Cf}]$/u;
const UNASSIGNED = /^\p{Cn}$/u;
const IGNORABLE = /^\p{Default_Ignorable_Code_Point}$/u;
const MARK = /^\p{M}$/u;
const SPACING = /^\p{Mc}$/u;
const PICTOGRAPHIC = /^\p{Extended_Pictographic}$/u;
const REGIONAL = /^\p{Regional_Indicator}$/u;
const LETTER = /^\p{L}$/u;
// Spacing marks UAX #29 excludes from SpacingMark.
const NOT_SPACING = new Set([
	0x102b, 0x102c, 0x1038, 0x1062, 0x1063, 0x1064, 0x1067, 0x1068, 0x1069, 0x106a, 0x106b, 0x106c,
	0x106d, 0x1083, 0x1087, 0x1088, 0x1089, 0x108a, 0x108b, 0x108c, 0x108f, 0x109a, 0x109b, 0x109c,
	0x1a61, 0x1a63, 0x1a64, 0xaa7b, 0xaa7d, 0x11720, 0x11721,
]);

const between = (code: number, low: number, high: number) => code >= low && code <= high;

/** Brahmic scripts, where conjunct rules (GB9c) and prepended letters can apply. */
const isIndic = (code: number) =>
	between(code, 0x0900, 0x109f) ||
	between(code, 0x1700, 0x1cff) ||
	between(code, 0xa800, 0xabff) ||
	between(code, 0x10a00, 0x11fff);

function classify(code: number): number {
	if (code === 0x0d) return Kind.CR;
	if (code === 0x0a) return Kind.LF;
	if (code < 0x20 || code === 0x7f) return Kind.Control;
	if (code < 0x7f) return Kind.Other;
	if (code === 0x200d) return Kind.ZWJ;
	if (between(code, 0xd800, 0xdfff)) return Kind.Surrogate;
	if (
		between(code, 0x0600, 0x0605) ||
		[0x06dd, 0x070f, 0x0890, 0x0891, 0x08e2, 0x0d4e].includes(code)
	) {
		return Kind.Prepend;
	}
	const char = String.fromCodePoint(code);
	const indic = isIndic(code);
	// Brahmi and its relatives hold most other Prepend letters: their clusters go to the segmenter.
	const prepend = between(code, 0x11000, 0x11fff) ? Kind.Prepend : 0;
	const indicMark = indic && MARK.test(char) ? Kind.IndicMark : 0;
	if (EXTEND.test(char)) return Kind.Extend | indicMark | prepend;
	// Unassigned default-ignorable code points count as controls too.
	if (CONTROL.test(char) || (UNASSIGNED.test(char) && IGNORABLE.test(char))) {
		return prepend || Kind.Control;
	}
	if (between(code, 0x1100, 0x115f) || between(code, 0xa960, 0xa97c)) return Kind.HangulL;
	if (between(code, 0x1160, 0x11a7) || between(code, 0xd7b0, 0xd7c6)) return Kind.HangulV;
	if (between(code, 0x11a8, 0x11ff) || between(code, 0xd7cb, 0xd7fb)) return Kind.HangulT;
	if (between(code, 0xac00, 0xd7a3)) {
		return (code - 0xac00) % 28 === 0 ? Kind.HangulLV : Kind.HangulLVT;
	}
	if ((SPACING.test(char) && !NOT_SPACING.has(code)) || code === 0x0e33 || code === 0x0eb3) {
		return Kind.SpacingMark | indicMark | prepend;
	}
	if (PICTOGRAPHIC.test(char)) return Kind.Pictographic;
	if (REGIONAL.test(char)) return Kind.Regional;
	if (indic && LETTER.test(char)) return Kind.IndicLetter | prepend;
	return indicMark | prepend;
}

const BREAK = 0;
const JOIN = 1;
const UNKNOWN = 2;

/**
 * Marks in `breaks` every offset where a grapheme cluster starts, and the end of the text.
 * `segmenter` decides the cases the rules here leave open.
 */
export function markGraphemeBreaks(text: string, segmenter: SegmenterConstructor): Uint8Array {
	const breaks = new Uint8Array(text.length + 1);
	const segments = new segmenter(undefined, { granularity: 'grapheme' });
	const kinds = new Map<number, number>();
	const kindOf = (code: number) => {
		let kind = kinds.get(code);
		if (kind === undefined) kinds.set(code, (kind = classify(code)));
		return kind;
	};

	let batch: Array<[number, number]> = [];
	let batched = 0;
	function flush() {
		if (batch.length === 0) return;
		const joined = batch.map(([from, to]) => text.slice(from, to)).join(SEPARATOR);
		let stretch = 0;
		let offset = 0; // where batch[stretch] starts in `joined`
		for (const { index } of segments.segment(joined)) {
			while (index > offset + batch[stretch][1] - batch[stretch][0]) {
				offset += batch[stretch][1] - batch[stretch][0] + 1;
				stretch++;
			}
			const at = batch[stretch][0] + index - offset;
			if (at < batch[stretch][1]) breaks[at] = 1;
		}
		batch = [];
		batched = 0;
	}
	/** A long undecided stretch: windows that each restart at a boundary already certain. */
	function windows(from: number, to: number) {
		let size = WINDOW;
		while (from < to) {
			const end = Math.min(to, from + size);
			const trusted = end === to ? to : end - MARGIN;
			let next = from;
			for (const { index } of segments.segment(text.slice(from, end))) {
				if (from + index > trusted) break;
				breaks[from + index] = 1;
				next = from + index;
			}
			if (end === to) return;
			if (next === from)
				size *= 2; // one cluster longer than the window
			else [from, size] = [next, WINDOW];
		}
	}
	function settle(from: number, to: number) {
		if (to - from > BATCH) return windows(from, to);
		if (batched + to - from > BATCH) flush();
		batch.push([from, to]);
		batched += to - from + 1;
	}

	let certain = 0; // the last offset known to be a boundary
	let undecided = false;
	let left = 0;
	let emoji = 0; // 1: after a pictograph and extenders, 2: and then a ZWJ (rule GB11)
	let regional = 0; // regional indicators in a row, up to the current one
	let linked = false; // a possible conjunct linker since the last base (rule GB9c)
	for (let at = 0; at < text.length; ) {
		const code = text.codePointAt(at) ?? 0;
		const right = kindOf(code);
		let decision = BREAK;
		if (at > 0) {
			if (left & Kind.CR && right & Kind.LF) decision = JOIN;
			else if ((left | right) & Kind.Surrogate) decision = UNKNOWN;
			else if ((left | right) & (Kind.CR | Kind.LF | Kind.Control)) decision = BREAK;
			else if (
				(left & Kind.HangulL &&
					right & (Kind.HangulL | Kind.HangulV | Kind.HangulLV | Kind.HangulLVT)) ||
				(left & (Kind.HangulLV | Kind.HangulV) && right & (Kind.HangulV | Kind.HangulT)) ||
				(left & (Kind.HangulLVT | Kind.HangulT) && right & Kind.HangulT)
			) {
				decision = JOIN;
			} else if (right & (Kind.Extend | Kind.ZWJ | Kind.SpacingMark)) decision = JOIN;
			else if (left & Kind.Prepend) decision = UNKNOWN;
			else if (linked && right & Kind.IndicLetter) decision = UNKNOWN;
			else if (left & Kind.ZWJ && right & Kind.Pictographic && emoji === 2) decision = JOIN;
			else if (left & Kind.Regional && right & Kind.Regional && regional % 2 === 1) {
				decision = JOIN;
			}
		}
		if (decision === BREAK) {
			if (undecided) settle(certain, at);
			breaks[at] = 1;
			certain = at;
			undecided = false;
		} else if (decision === UNKNOWN) undecided = true;

		if (right & Kind.Pictographic) emoji = 1;
		else if (emoji === 1 && right & Kind.ZWJ) emoji = 2;
		else if (!(emoji === 1 && right & Kind.Extend)) emoji = 0;
		regional = right & Kind.Regional ? regional + 1 : 0;
		if (right & Kind.IndicMark) linked = true;
		else if (!(right & (Kind.Extend | Kind.ZWJ))) linked = false;
		left = right;
		at += code > 0xffff ? 2 : 1;
	}
	if (undecided) settle(certain, text.length);
	flush();
	breaks[text.length] = 1;
	return breaks;
}
