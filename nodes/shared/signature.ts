import { createHmac, randomBytes, timingSafeEqual } from 'crypto';

/** Header Fiwano signs every delivery with: `sha256=<64 hex chars>`. */
export const SIGNATURE_HEADER = 'x-webhook-signature';

/**
 * Exactly what Fiwano sends: `sha256=` and 64 lower-case hex digits, nothing around it. Any
 * other spelling (upper-case hex, spaces, a second value) did not come from Fiwano as is.
 */
const SIGNATURE_FORMAT = /^sha256=[0-9a-f]{64}$/;
const SIGNATURE_LENGTH = 'sha256='.length + 64;

export type SignatureCheck = 'valid' | 'missing' | 'invalid';

/**
 * Checks the header against every accepted secret (current, then previous). The whole header
 * value is compared with timingSafeEqual against each expected `sha256=<hex>`, and all
 * candidates are computed, so timing does not tell which secret (if any) matched.
 */
export function checkSignature(
	body: Buffer,
	header: unknown,
	secrets: readonly string[],
): SignatureCheck {
	if (header === undefined || header === null || header === '') return 'missing';
	if (typeof header !== 'string' || header.length !== SIGNATURE_LENGTH) return 'invalid';
	if (!SIGNATURE_FORMAT.test(header)) return 'invalid';
	const received = Buffer.from(header, 'latin1');
	let valid = false;
	for (const secret of secrets) {
		const digest = createHmac('sha256', secret).update(body).digest('hex');
		if (timingSafeEqual(Buffer.from(`sha256=${digest}`, 'latin1'), received)) valid = true;
	}
	return valid ? 'valid' : 'invalid';
}

/** 32 random bytes as hex: the secret automatic setup registers when the user gave none. */
export function generateSecret(): string {
	return randomBytes(32).toString('hex');
}
