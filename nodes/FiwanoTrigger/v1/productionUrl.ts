import { NodeOperationError } from 'n8n-workflow';
import type { IHookFunctions } from 'n8n-workflow';

import { apiBaseUrl } from '../../shared/transport';

function hostOf(url: string): string | undefined {
	try {
		return new URL(url).hostname
			.toLowerCase()
			.replace(/^\[|\]$/g, '')
			.replace(/\.$/, '');
	} catch {
		return undefined;
	}
}

/** localhost, ::1 or 127.x.x.x: addresses only this machine can reach. */
export function isLoopbackHost(host: string): boolean {
	if (host === 'localhost' || host === '::1') return true;
	const parts = host.split('.');
	return parts.length === 4 && parts.every((part) => /^\d{1,3}$/.test(part)) && parts[0] === '127';
}

/**
 * Refuses, as the published 1.3.0 did, to register a Production URL Fiwano cannot reach:
 * not HTTPS, or on loopback. Skipped when the credential's Base URL is itself on loopback
 * (the local Fiwano sandbox), which can call a local n8n over plain HTTP.
 */
export function assertReachableWebhookUrl(
	context: IHookFunctions,
	url: string,
	credentialBaseUrl: unknown,
): void {
	const apiHost = hostOf(apiBaseUrl(credentialBaseUrl));
	if (apiHost && isLoopbackHost(apiHost)) return;

	const host = hostOf(url);
	let reason: string | undefined;
	if (host === undefined) reason = 'it is not a valid URL';
	else if (isLoopbackHost(host)) reason = 'it is on localhost, which Fiwano cannot reach';
	else if (!url.toLowerCase().startsWith('https:')) reason = 'Fiwano delivers only to HTTPS';
	if (!reason) return;

	throw new NodeOperationError(
		context.getNode(),
		`Webhook Auto-Setup needs an HTTPS Production URL that Fiwano can reach (${reason}). Set n8n's WEBHOOK_URL environment variable to this n8n's public HTTPS address (for an n8n on your own computer, a tunnel such as Cloudflare Tunnel or ngrok) and restart n8n, or set Webhook Auto-Setup to Manual.`,
		{
			description: `The Production URL is now ${url}. Fiwano calls it from the internet, so it must be public and use HTTPS. In Manual mode you register a URL on the channel yourself.`,
		},
	);
}
