import {
	fileNameFromDisposition,
	MAX_FILE_NAME_LENGTH,
	safeFileName,
} from '../../nodes/shared/fileName';

describe('fileNameFromDisposition (RFC 6266)', () => {
	it.each([
		[undefined, undefined],
		['', undefined],
		[42, undefined],
		['inline', undefined],
		['attachment', undefined],
		['attachment; filename="a b.pdf"', 'a b.pdf'],
		['attachment; filename=plain.txt', 'plain.txt'],
		['attachment;filename=plain.txt;size=3', 'plain.txt'],
		['ATTACHMENT; FileName="Upper.PDF"', 'Upper.PDF'],
		['attachment; filename = "spaced.txt" ; size=1', 'spaced.txt'],
		['attachment; filename="semi;colon.txt"', 'semi;colon.txt'],
		['attachment; filename="say \\"hi\\".txt"', 'say "hi".txt'],
		['attachment; filename="unclosed.txt', 'unclosed.txt'],
		["attachment; filename*=UTF-8''%E2%9C%93.txt", '✓.txt'],
		["attachment; filename*=utf-8'en'Nota%20de%20voz.ogg", 'Nota de voz.ogg'],
		["attachment; filename*=ISO-8859-1''caf%E9.txt", 'café.txt'],
		// filename* wins over filename wherever it stands; a bad one falls back to filename.
		['attachment; filename="plain.txt"; filename*=UTF-8\'\'ext%C3%A9.txt', 'exté.txt'],
		['attachment; filename*=UTF-8\'\'ext.txt; filename="plain.txt"', 'ext.txt'],
		['attachment; filename*=UTF-8\'\'%E2%ZZ.txt; filename="fallback.txt"', 'fallback.txt'],
		["attachment; filename*=KOI8-R''x.txt; filename=fallback.txt", 'fallback.txt'],
		['attachment; filename*=no-quotes.txt; filename=fallback.txt', 'fallback.txt'],
		// The first of a repeated parameter counts.
		['attachment; filename=first.txt; filename=second.txt', 'first.txt'],
		// Paths and control characters never reach the binary data.
		['attachment; filename="../../etc/passwd"', 'passwd'],
		['attachment; filename="C:\\\\Users\\\\x\\\\evil.exe"', 'evil.exe'],
		["attachment; filename*=UTF-8''..%2F..%2Fsecret.txt", 'secret.txt'],
		['attachment; filename="a\u0000b\u001fc.txt"', 'abc.txt'],
		['attachment; filename=".."', undefined],
		['attachment; filename="dir/"', undefined],
		['attachment; filename=""', undefined],
	])('%p -> %p', (header, name) => {
		expect(fileNameFromDisposition(header)).toBe(name);
	});

	it('caps a long name at 255 code points without splitting a character', () => {
		const name = fileNameFromDisposition(`attachment; filename="${'😀'.repeat(300)}.png"`);
		expect(Array.from(name!)).toHaveLength(MAX_FILE_NAME_LENGTH);
		expect(name).toBe('😀'.repeat(255));
	});
});

describe('safeFileName', () => {
	it('keeps a plain name, strips directories and refuses what is not a name', () => {
		expect(safeFileName('photo.jpg')).toBe('photo.jpg');
		expect(safeFileName('/tmp/x/photo.jpg')).toBe('photo.jpg');
		expect(safeFileName('  spaced.jpg ')).toBe('spaced.jpg');
		expect(safeFileName(null)).toBeUndefined();
		expect(safeFileName('')).toBeUndefined();
		expect(safeFileName('.')).toBeUndefined();
	});
});
