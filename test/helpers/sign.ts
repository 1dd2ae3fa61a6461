import { createHmac } from 'crypto';

/** The X-Webhook-Signature value Fiwano sends for `body`: `sha256=` + lower-case hex HMAC. */
export function signBody(secret: string, body: Buffer | string): string {
	return `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
}
