import { summarizeApiError } from '../../nodes/shared/errors';
import { fileNameFromDisposition } from '../../nodes/shared/fileName';
import { checkSignature } from '../../nodes/shared/signature';
import { apiBaseUrl } from '../../nodes/shared/transport';
import { isLoopbackHost } from '../../nodes/shared/webhookRules';
import { splitText } from '../../nodes/Fiwano/v3/shared/split';
import { templateVariables } from '../../nodes/Fiwano/v3/resources/template/components';
import { normalizeRecipient } from '../../nodes/Fiwano/v3/resources/message/recipient';

// Every function that runs a pattern or an algorithm over user input, API answers or webhook
// headers gets 100,000 adversarial characters and must give the right answer. There are no
// timing assertions on purpose: on these inputs the old quadratic code took from 12 s to minutes
// (the trigger's Content-Disposition parser, splitText), beyond jest's timeout, so such a test
// fails on that timeout while a linear implementation passes even on a loaded machine. The old
// /\/+$/ and /template .*not found/ took ~1 s here: those cases guard the right answer only.

const N = 100_000;
const spaces = ' '.repeat(N);

describe('Content-Disposition parsing is linear', () => {
	it.each([
		['whitespace before the value', `attachment; filename=${spaces}"a.pdf"`, 'a.pdf'],
		['whitespace around =', `attachment; filename${spaces}=${spaces}a.pdf`, 'a.pdf'],
		// 300,000 here: the old trigger parser took 12 s on 100,000 (not beyond jest's timeout).
		[
			'filename*= then whitespace and no quote',
			`attachment; filename*=${spaces.repeat(3)}`,
			undefined,
		],
		[
			"filename*= charset' and whitespace",
			`attachment; filename*=UTF-8'${spaces}; filename=b.txt`,
			'b.txt',
		],
		[
			'repeated filename=',
			`attachment; ${'filename='.repeat(N / 9)}`,
			'filename='.repeat(29).slice(0, 255),
		],
		['repeated filename*=', `${'filename*='.repeat(N / 10)}; filename=c.txt`, 'c.txt'],
		['an unterminated quote', `attachment; filename="${'a'.repeat(N)}`, 'a'.repeat(255)],
		['unterminated quotes everywhere', 'filename="'.repeat(N / 10), 'filename='],
		['semicolons', `attachment${';'.repeat(N)}; filename=d.txt`, 'd.txt'],
		['escapes in a quoted name', `attachment; filename="${'\\"'.repeat(N / 2)}x"`, '"'.repeat(255)],
		['a huge header with the name at the end', `${'x'.repeat(N)}; filename="e.txt"`, 'e.txt'],
	])('%s', (_shape, header, expected) => {
		expect(fileNameFromDisposition(header)).toBe(expected);
	});
});

describe('signature headers are checked in linear time', () => {
	it.each([
		['spaces', `sha256=${spaces}`],
		['hex too long', `sha256=${'a'.repeat(N)}`],
		['repeated prefixes', 'sha256='.repeat(N / 7)],
		['a list', `${'sha256=00,'.repeat(N / 10)}`],
	])('%s is invalid', (_shape, header) => {
		expect(checkSignature(Buffer.from('{}'), header, ['secret-value'])).toBe('invalid');
	});
});

describe('long text splitting is linear', () => {
	it.each([
		['a newline then spaces', `\n${' '.repeat(N - 1)}`, 0],
		['no boundaries', 'x'.repeat(N), 100],
		['a punctuation run', '!'.repeat(N), 100],
		['one long sentence', 'and then the parcel went on '.repeat(N / 28), 101],
		['ZWJ emoji', '👨‍👩‍👧'.repeat(N / 5), 100],
		['combining marks', 'e\u0301\u0323'.repeat(N / 3), 101],
		['one huge cluster', `a${'\u0301'.repeat(N - 1)}`, 100],
		['CJK', '我们已经发货了。请注意查收！'.repeat(N / 14), 100],
		['Devanagari without spaces', 'कामकाज'.repeat(N / 6), 101],
	])('%s', (_shape, text, parts) => {
		const result = splitText(text, 1000);
		expect(result).toHaveLength(parts);
		expect(result.every((part) => Array.from(part).length <= 1000)).toBe(true);
		expect(result.join('').replace(/\s/g, '')).toBe(text.replace(/\s/g, ''));
	});
});

describe('other patterns over user input and API answers are linear', () => {
	it('trims the trailing slashes of a Base URL', () => {
		expect(apiBaseUrl(`https://x${'/'.repeat(N)}a${'/'.repeat(N)}`)).toBe(
			`https://x${'/'.repeat(N)}a`,
		);
	});

	it('matches remedies on a long API detail', () => {
		const summary = summarizeApiError(404, { detail: 'template '.repeat(N / 9) });
		expect(summary.message.length).toBeGreaterThan(0);
	});

	it('recognises loopback hosts', () => {
		expect(isLoopbackHost(`[${']'.repeat(N)}`)).toBe(false);
		expect(isLoopbackHost(`127.${'1'.repeat(N)}`)).toBe(false);
	});

	it('finds template variables', () => {
		expect(templateVariables(`{{a${spaces}`)).toEqual([]);
		expect(templateVariables(`${'{{ '.repeat(N / 3)}{{ name }}`)).toEqual(['name']);
	});

	it('normalises recipients', () => {
		expect(normalizeRecipient(`+${'1 '.repeat(N / 2)}`)).toBe('1'.repeat(N / 2));
		expect(() => normalizeRecipient(`${'1'.repeat(N)}x`)).toThrow('is not a valid recipient ID');
	});
});
