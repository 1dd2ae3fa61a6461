/** Fiwano's rules for webhook settings, checked before any request so the fix can be named. */

export const MAX_WEBHOOK_SECRET_LENGTH = 64;

/** Whether a URL host is this machine: localhost, 127.0.0.0/8 or ::1 (also IPv4-mapped). */
export function isLoopbackHost(hostname: string): boolean {
	// WHATWG URL hostnames are lower-case; IPv6 keeps its brackets; 127.1 is already 127.0.0.1.
	const host = hostname.replace(/^\[|\]$/g, '').replace(/\.$/, '');
	if (host === 'localhost') return true;
	if (/^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host)) return true;
	if (host === '::1') return true;
	// ::ffff:127.x.y.z, which the URL parser writes as ::ffff:7fxx:xxxx.
	return /^::ffff:7f[0-9a-f]{2}:[0-9a-f]{1,4}$/.test(host);
}

function hostOf(url: string): string | undefined {
	try {
		return new URL(url).hostname;
	} catch {
		return undefined;
	}
}

/** The API itself on this machine (the local sandbox): its webhooks may be local too. */
export function isLocalApi(baseUrl: string): boolean {
	const host = hostOf(baseUrl);
	return host !== undefined && isLoopbackHost(host);
}

const FIX =
	"n8n builds webhook URLs from its WEBHOOK_URL environment variable: set it to the public HTTPS address of this n8n (e.g. WEBHOOK_URL=https://n8n.example.com/) and restart n8n. For n8n running on your own computer, expose it with a tunnel (e.g. cloudflared or ngrok) and set WEBHOOK_URL to the tunnel's HTTPS address.";

/**
 * Why Fiwano would refuse this webhook URL (it must be HTTPS and reachable from the internet),
 * or undefined when it is acceptable. Against a local sandbox API everything is allowed.
 */
export function webhookUrlProblem(url: string, apiBaseUrl: string): string | undefined {
	if (isLocalApi(apiBaseUrl)) return undefined;
	let parsed: URL;
	try {
		parsed = new URL(url);
	} catch {
		return `The webhook URL "${url}" is not a valid URL. ${FIX}`;
	}
	if (isLoopbackHost(parsed.hostname)) {
		return `The webhook URL ${url} points at this machine (${parsed.hostname}), which Fiwano cannot reach. ${FIX}`;
	}
	if (parsed.protocol !== 'https:') {
		return `The webhook URL ${url} is not HTTPS; Fiwano delivers only to HTTPS URLs. ${FIX}`;
	}
	return undefined;
}

/** Message for a secret over Fiwano's limit, naming where it was typed; never the secret. */
export function secretTooLongMessage(secret: unknown, where: string): string | undefined {
	if (typeof secret !== 'string' || secret.length <= MAX_WEBHOOK_SECRET_LENGTH) return undefined;
	return `${where} is ${secret.length} characters long; Fiwano accepts webhook secrets of at most ${MAX_WEBHOOK_SECRET_LENGTH} characters. Enter a shorter secret (e.g. 64 hex characters).`;
}
