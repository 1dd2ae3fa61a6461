import { graphemeBoundaries, splitText, textLimitFor } from '../../nodes/Fiwano/v3/shared/split';

const cp = (text: string) => Array.from(text).length;

describe('splitText', () => {
	it('prefers paragraphs, then lines, then sentences, then words, packing parts full', () => {
		expect(splitText('One.\n\nTwo two.\nThree.', 100)).toEqual(['One.\n\nTwo two.\nThree.']);
		expect(splitText('Para one.\n\nPara two is here.\nLine two.', 12)).toEqual(['Para one.', 'Para two is', 'here.', 'Line two.']);
		expect(splitText('aa bb. cc dd. ee', 13)).toEqual(['aa bb. cc dd.', 'ee']);
		expect(splitText('a'.repeat(25), 10)).toEqual(['a'.repeat(10), 'a'.repeat(10), 'a'.repeat(5)]);
	});

	it('counts code points and never cuts inside a character', () => {
		const family = '👨‍👩‍👧'; // 5 code points, one grapheme
		const parts = splitText(family.repeat(5), 12);
		expect(parts).toEqual([family.repeat(2), family.repeat(2), family]);
		expect(splitText('e\u0301'.repeat(3), 3)).toEqual(['e\u0301', 'e\u0301', 'e\u0301']);
		// A cluster longer than the limit is cut between code points, never inside a surrogate pair.
		expect(splitText('a' + '\u0301'.repeat(4), 2).map(cp)).toEqual([2, 2, 1]);
		expect(splitText('😀😀😀', 2)).toEqual(['😀😀', '😀']);
	});

	it('drops whitespace at the cuts and empty parts', () => {
		expect(splitText('  hello   world  ', 7)).toEqual(['hello', 'world']);
		expect(splitText('   ', 2)).toEqual([]);
	});

	it('rejects a limit that is not a positive integer', () => {
		expect(() => splitText('x', 0)).toThrow(RangeError);
	});

	it('finds cluster boundaries without Intl.Segmenter too', () => {
		const text = 'e\u0301👍🏽👨‍👩‍👧x\uFE0F';
		expect(graphemeBoundaries(text, undefined)).toEqual(graphemeBoundaries(text));
	});

	it('knows the limit of each channel type, the smallest for an unknown one', () => {
		expect([textLimitFor('whatsapp'), textLimitFor('FACEBOOK'), textLimitFor('instagram'), textLimitFor(undefined)]).toEqual([4096, 2000, 1000, 1000]);
	});
});
