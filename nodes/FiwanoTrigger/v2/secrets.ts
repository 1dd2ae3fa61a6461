import type { IDataObject, IHookFunctions, IWebhookFunctions } from 'n8n-workflow';

import type { ReadWebhookCredential } from '../../shared/credentialCache';
import { checkWithWebhookCredential, freshWebhookCredential } from '../../shared/credentialCache';
import type { SignatureCheck } from '../../shared/signature';
import { checkSignature } from '../../shared/signature';
import { triggerState } from './state';

type TriggerContext = IHookFunctions | IWebhookFunctions;

export function isAutomatic(setup: string): boolean {
	return setup === 'selectedChannels' || setup === 'allChannels';
}

/**
 * The signing secret, in the documented order: the node's field, the credential's Webhook
 * Secret, then (automatic setup only) the secret derived from the credential's API key, the
 * workflow ID and the node ID (shared/derivedSecret.ts, the same derivation as trigger v1, so
 * a node upgraded from v1 keeps its secret).
 *
 * Nothing secret is stored: the API key lives only in n8n's encrypted credential store, and
 * workflow JSON, static data and execution records (n8n 1.x copies static data into each one)
 * hold neither the key nor the secret. Knowing the workflow and node IDs does not help without
 * the key. Each trigger (workflow, node) gets its own secret, so one leaked secret signs for one
 * trigger only.
 *
 * Rotating the API key changes the derived secret in n8n (deliveries: within the credential
 * cache time, shared/credentialCache.ts), while Fiwano keeps signing with the old one:
 * deliveries are answered 401 (Fiwano retries them) until the workflow is activated again
 * (re-publish, or deactivate and activate), which registers the new secret.
 *
 * Activation reads the credential fresh (the default); deliveries pass a cached read.
 */
export async function currentSecret(
	context: TriggerContext,
	readCredential: ReadWebhookCredential = async () => await freshWebhookCredential(context),
): Promise<string | undefined> {
	const own = context.getNodeParameter('secret', '') as string;
	if (own) return own;
	const credential = await readCredential();
	if (credential.webhookSecret) return credential.webhookSecret;
	if (!isAutomatic(context.getNodeParameter('webhookSetup', 'manual') as string)) return undefined;
	// No key, no secret: activation fails and deliveries get 401 (fail closed).
	return credential.derivedSecret || undefined;
}

/**
 * Secrets a delivery may be signed with: the current one, the Previous Secret during a
 * rotation, and a random secret an earlier version of this node kept in static data (still
 * registered on the channels until the next activation replaces it; see legacyStoredSecret).
 */
export async function acceptedSecrets(
	context: IWebhookFunctions,
	readCredential?: ReadWebhookCredential,
): Promise<string[]> {
	const options = context.getNodeParameter('options', {}) as IDataObject;
	const current = await currentSecret(context, readCredential);
	const previous = typeof options.previousSecret === 'string' ? options.previousSecret : '';
	const legacy = legacyStoredSecret(context);
	return [current, previous, legacy].filter((secret): secret is string => !!secret);
}

/**
 * Checks a delivery's signature against the accepted secrets, with the credential cached per
 * trigger (shared/credentialCache.ts); a mismatch re-reads the credential once before it is
 * refused. No raw bytes or no secret at all: invalid (fail closed).
 */
export async function verifyDelivery(
	context: IWebhookFunctions,
	raw: Buffer | undefined,
	signature: unknown,
): Promise<SignatureCheck> {
	return await checkWithWebhookCredential(
		context,
		async (readCredential) => {
			const secrets = await acceptedSecrets(context, readCredential);
			if (!raw || !secrets.length) return 'invalid';
			return checkSignature(raw, signature, secrets);
		},
		(check) => check !== 'invalid',
	);
}

/**
 * Trigger 2.0.0 before this change generated a random secret and kept it in static data.
 * Channels wired then still sign with it, so deliveries signed with it are accepted (automatic
 * setup only), checkExists reports the webhook as missing so n8n runs create() on the next
 * activation or restart, and create() registers the derived secret and deletes the stored one.
 */
export function legacyStoredSecret(context: TriggerContext): string | undefined {
	if (!isAutomatic(context.getNodeParameter('webhookSetup', 'manual') as string)) return undefined;
	const stored = triggerState(context).generatedSecret;
	return typeof stored === 'string' && stored ? stored : undefined;
}
