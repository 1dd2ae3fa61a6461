import type { IDataObject, IHookFunctions, IWebhookFunctions } from 'n8n-workflow';

import { deriveWebhookSecret } from './derivedSecret';
import { CREDENTIAL_TYPE } from './transport';

/** What a delivery needs from the credential; never the credential (nor the API key) itself. */
export interface WebhookCredential {
	/** The credential's Webhook Secret as typed ('' when empty); each version trims as it did. */
	webhookSecret: string;
	/** The secret derived from the API key for this workflow and node; '' without an API key. */
	derivedSecret: string;
}

/** Reads the webhook fields; either from n8n or from this process's short-lived cache. */
export type ReadWebhookCredential = () => Promise<WebhookCredential>;

export function webhookCredentialFields(
	context: IHookFunctions | IWebhookFunctions,
	credentials: IDataObject,
): WebhookCredential {
	const apiKey = typeof credentials.apiKey === 'string' ? credentials.apiKey : '';
	const node = context.getNode();
	return {
		webhookSecret: typeof credentials.webhookSecret === 'string' ? credentials.webhookSecret : '',
		// No key, no secret: callers fail closed.
		derivedSecret: apiKey
			? deriveWebhookSecret(apiKey, context.getWorkflow().id ?? '', node.id || node.name)
			: '',
	};
}

/** The webhook fields read from n8n's credential store now (activation always reads so). */
export async function freshWebhookCredential(
	context: IHookFunctions | IWebhookFunctions,
): Promise<WebhookCredential> {
	const credentials = (await context.getCredentials(CREDENTIAL_TYPE)) as IDataObject;
	return webhookCredentialFields(context, credentials);
}

/** A small time-limited map in process memory; the oldest entry goes first when it is full. */
export class CredentialCache<T> {
	private readonly entries = new Map<string, { value: T; expiresAt: number }>();

	constructor(
		private readonly ttlMs = 60_000,
		private readonly maxEntries = 500,
		private readonly now: () => number = () => Date.now(),
	) {}

	get size(): number {
		return this.entries.size;
	}

	get(key: string): T | undefined {
		const entry = this.entries.get(key);
		if (!entry) return undefined;
		if (entry.expiresAt > this.now()) return entry.value;
		this.entries.delete(key);
		return undefined;
	}

	set(key: string, value: T): void {
		this.entries.delete(key);
		this.entries.set(key, { value, expiresAt: this.now() + this.ttlMs });
		for (const oldest of this.entries.keys()) {
			if (this.entries.size <= this.maxEntries) break;
			this.entries.delete(oldest);
		}
	}
}

/**
 * Why deliveries do not read the credential every time: in a webhook, n8n's credentials helper
 * acquires a second expression isolate while the webhook already holds the only one in the
 * pool, so each read waited ~100 ms (measured in n8n 2.41.1; the trigger answered ~7x slower
 * than a do-nothing trigger). Trade-off: after the credential changes, its old secret stays
 * valid in this process for at most the cache time. A new secret works at once: a signature
 * that does not match re-reads the credential before it is refused. Process memory only:
 * never in static data (n8n copies that into execution records), never logged.
 */
const webhookCredentials = new CredentialCache<WebhookCredential>();

function cacheKey(context: IWebhookFunctions): string {
	const node = context.getNode();
	const credential = node.credentials?.[CREDENTIAL_TYPE];
	return JSON.stringify([
		context.getWorkflow().id ?? '',
		node.id || node.name,
		credential?.id ?? credential?.name ?? '',
	]);
}

async function readAndRemember(context: IWebhookFunctions, key: string) {
	const credential = await freshWebhookCredential(context);
	webhookCredentials.set(key, credential);
	return credential;
}

/**
 * Runs a signature check with the cached credential. When the check fails (`passed` false) and
 * it used a cached value, the credential is read once more and the check runs again on it, so
 * a rotated secret is accepted immediately. If that read fails, the first answer stands.
 */
export async function checkWithWebhookCredential<R>(
	context: IWebhookFunctions,
	check: (read: ReadWebhookCredential) => Promise<R>,
	passed: (result: R) => boolean,
): Promise<R> {
	const key = cacheKey(context);
	const first = { usedCache: false };
	const result = await check(async () => {
		const cached = webhookCredentials.get(key);
		first.usedCache = cached !== undefined;
		return cached ?? (await readAndRemember(context, key));
	});
	if (!first.usedCache || passed(result)) return result;
	let fresh: WebhookCredential;
	try {
		fresh = await readAndRemember(context, key);
	} catch {
		return result;
	}
	return await check(async () => fresh);
}
