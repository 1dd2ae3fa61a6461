import { createHmac, randomBytes, timingSafeEqual } from 'crypto';

/** Header Fiwano signs every delivery with: `sha256=<64 hex chars>`. */
export const SIGNATURE_HEADER = 'x-webhook-signature';

const SIGNATURE_FORMAT = /^sha256=([0-9a-fA-F]{64})$/;

export type SignatureCheck = 'valid' | 'missing' | 'invalid';

export function signBody(secret: string, body: Buffer | string): string {
	return `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
}

/**
 * Checks the header against every accepted secret (current, then previous). Each candidate
 * digest is compared with timingSafeEqual on two 32-byte buffers, and all candidates are
 * computed, so timing does not tell which secret (if any) matched.
 */
export function checkSignature(
	body: Buffer,
	header: unknown,
	secrets: readonly string[],
): SignatureCheck {
	if (header === undefined || header === null || header === '') return 'missing';
	const match = typeof header === 'string' ? SIGNATURE_FORMAT.exec(header.trim()) : null;
	if (!match) return 'invalid';
	const received = Buffer.from(match[1], 'hex');
	let valid = false;
	for (const secret of secrets) {
		const expected = createHmac('sha256', secret).update(body).digest();
		if (timingSafeEqual(expected, received)) valid = true;
	}
	return valid ? 'valid' : 'invalid';
}

/** 32 random bytes as hex: the secret automatic setup registers when the user gave none. */
export function generateSecret(): string {
	return randomBytes(32).toString('hex');
}
