/**
 * Where a long text may be cut, level by level, each scan one pass over a range with no
 * backtracking. The levels are those of the splitter's original patterns, and a scan finds
 * exactly the match ends a global regex over the text up to `end` would find from `start`:
 *   0 paragraphs  /\r?\n[^\S\r\n]*\r?\n\s* /   (a blank line and the whitespace after it)
 *   1 lines       /\r?\n/
 *   2 sentences   /[.!?…。！？]+["'”’»)\]]*\s+/
 *   3 words       /\s+/
 * (the sentence pattern backtracks quadratically on a long run of "!" as a regex).
 */

/** JavaScript's \s, one UTF-16 unit at a time. */
export function isSpace(code: number): boolean {
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
const codes = (chars: string) => new Set([...chars].map((char) => char.charCodeAt(0)));
const ENDS_SENTENCE = codes('.!?\u2026\u3002\uFF01\uFF1F');
const CLOSES_SENTENCE = codes('"\'\u201D\u2019\u00BB)]');

/** Calls `onCut` with the end of every match of the level's pattern in [start, end). */
export function scanCuts(
	text: string,
	start: number,
	end: number,
	level: number,
	onCut: (at: number) => void,
): void {
	const code = (at: number) => (at < end ? text.charCodeAt(at) : -1);
	/** Length of a line break at `at` (\n or \r\n), 0 if none. */
	const newline = (at: number) =>
		code(at) === 0x0a ? 1 : code(at) === 0x0d && code(at + 1) === 0x0a ? 2 : 0;
	let at = start;
	if (level === 0) {
		while (at < end) {
			const first = newline(at);
			if (!first) {
				at++;
				continue;
			}
			let next = at + first;
			while (isSpace(code(next)) && !isNewline(code(next))) next++;
			const second = newline(next);
			if (!second) {
				// No start inside the skipped spaces can match either.
				at = Math.max(at + 1, next);
				continue;
			}
			for (next += second; isSpace(code(next)); ) next++;
			onCut(next);
			at = next;
		}
	} else if (level === 1) {
		for (; at < end; at++) if (code(at) === 0x0a) onCut(at + 1);
	} else if (level === 2) {
		while (at < end) {
			if (!ENDS_SENTENCE.has(code(at))) {
				at++;
				continue;
			}
			while (ENDS_SENTENCE.has(code(at))) at++;
			while (CLOSES_SENTENCE.has(code(at))) at++;
			if (!isSpace(code(at))) continue; // no start inside the marks can match either
			while (isSpace(code(at))) at++;
			onCut(at);
		}
	} else {
		for (; at < end; at++) if (isSpace(code(at)) && !isSpace(code(at + 1))) onCut(at + 1);
	}
}
