import { createHmac } from 'crypto';

import { checkSignature, generateSecret, signBody } from '../../nodes/shared/signature';

const body = Buffer.from('{"event":"message.received","channel_id":"a1","data":{}}');
const current = ['current', 'value'].join('-');
const previous = ['previous', 'value'].join('-');
const hex = (secret: string, bytes: Buffer = body) =>
	createHmac('sha256', secret).update(bytes).digest('hex');

describe('checkSignature', () => {
	it('accepts the HMAC-SHA256 of the exact bytes with the current or the previous secret', () => {
		expect(checkSignature(body, `sha256=${hex(current)}`, [current, previous])).toBe('valid');
		expect(checkSignature(body, `sha256=${hex(previous)}`, [current, previous])).toBe('valid');
		expect(checkSignature(body, `sha256=${hex(current).toUpperCase()}`, [current])).toBe('valid');
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
		];
		for (const header of headers) {
			expect(checkSignature(body, header, [current, previous])).toBe('invalid');
		}
	});

	it('accepts nothing without a secret', () => {
		expect(checkSignature(body, `sha256=${hex(current)}`, [])).toBe('invalid');
	});
});

describe('signBody and generateSecret', () => {
	it('signs as Fiwano does', () => {
		expect(signBody(current, body)).toBe(`sha256=${hex(current)}`);
	});

	it('generates distinct 256-bit hex secrets', () => {
		const a = generateSecret();
		expect(a).toMatch(/^[0-9a-f]{64}$/);
		expect(generateSecret()).not.toBe(a);
	});
});
