import { createHmac } from 'crypto';

import { checkSignature, generateSecret } from '../../nodes/shared/signature';
import { signBody } from '../helpers/sign';

const body = Buffer.from('{"event":"message.received","channel_id":"a1","data":{}}');
const current = ['current', 'value'].join('-');
const previous = ['previous', 'value'].join('-');
const hex = (secret: string, bytes: Buffer = body) =>
	createHmac('sha256', secret).update(bytes).digest('hex');

describe('checkSignature', () => {
	it('accepts the HMAC-SHA256 of the exact bytes with the current or the previous secret', () => {
		expect(checkSignature(body, `sha256=${hex(current)}`, [current, previous])).toBe('valid');
		expect(checkSignature(body, `sha256=${hex(previous)}`, [current, previous])).toBe('valid');
	});

	it('calls an absent header missing', () => {
		for (const header of [undefined, null, '']) {
			expect(checkSignature(body, header, [current])).toBe('missing');
		}
	});

	it('calls anything else that does not match invalid', () => {
		const headers: unknown[] = [
			hex(current), // no sha256= prefix
			`sha1=${hex(current)}`,
			`sha256=${hex(current).slice(0, 63)}`, // truncated
			`sha256=${hex(current)}00`, // too long
			`sha256=${hex(current).replace(/[0-9a-f]$/, 'g')}`, // not hex
			[`sha256=${hex(current)}`], // repeated header arrives as a list
			42,
			`sha256=${hex('other')}`,
			`sha256=${hex(current, Buffer.concat([body, Buffer.from(' ')]))}`, // body changed
			`sha256=${hex(current).toUpperCase()}`, // Fiwano sends lower-case hex
			`SHA256=${hex(current)}`,
			`sha256=${hex(current).slice(0, 60)}${hex(current).slice(60).toUpperCase()}`,
			` sha256=${hex(current)}`,
			`sha256=${hex(current)} `,
			`sha256=${hex(current)}\n`,
			`\tsha256=${hex(current)}`,
			`sha256=${hex(current)},sha256=${hex(current)}`, // a second value
			`sha256=${hex(current)}; sha256=${hex(current)}`,
			`sha256= ${hex(current).slice(1)}`,
			`sha256=${hex(current).slice(0, 63)}\u00e9`, // same length, not ASCII
			`sha256=${'0'.repeat(64)}`,
			'sha256=' + ' '.repeat(100_000),
			'x'.repeat(100_000),
		];
		for (const header of headers) {
			expect(checkSignature(body, header, [current, previous])).toBe('invalid');
		}
	});

	it('accepts nothing without a secret', () => {
		expect(checkSignature(body, `sha256=${hex(current)}`, [])).toBe('invalid');
	});
});

describe('signBody (test helper) and generateSecret', () => {
	it('signs as Fiwano does, and that is the only spelling accepted', () => {
		expect(signBody(current, body)).toBe(`sha256=${hex(current)}`);
		expect(checkSignature(body, signBody(current, body), [current])).toBe('valid');
		expect(checkSignature(body, signBody(current, body), [previous])).toBe('invalid');
	});

	it('generates distinct 256-bit hex secrets', () => {
		const a = generateSecret();
		expect(a).toMatch(/^[0-9a-f]{64}$/);
		expect(generateSecret()).not.toBe(a);
	});
});
