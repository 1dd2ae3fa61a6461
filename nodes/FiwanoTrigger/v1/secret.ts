import type { IDataObject, IHookFunctions, IWebhookFunctions } from 'n8n-workflow';

import type { ReadWebhookCredential, WebhookCredential } from '../../shared/credentialCache';
import { webhookCredentialFields } from '../../shared/credentialCache';
import { CREDENTIAL_TYPE } from '../../shared/transport';

type TriggerContext = IHookFunctions | IWebhookFunctions;

export type AutoSetup = 'manual' | 'all' | 'channel';

/** Where the signing secret came from; `none` only ever happens in manual mode. */
export type SecretSource = 'node' | 'credential' | 'derived' | 'none';

export interface ResolvedSecret {
	secret: string;
	source: SecretSource;
}

export function autoSetupMode(context: TriggerContext): AutoSetup {
	const mode = context.getNodeParameter('autoSetup', 'manual') as string;
	return mode === 'all' || mode === 'channel' ? mode : 'manual';
}

/** The credential, or undefined when none is attached (optional on this version). */
export async function optionalCredentials(
	context: TriggerContext,
): Promise<IDataObject | undefined> {
	try {
		return (await context.getCredentials(CREDENTIAL_TYPE)) as IDataObject;
	} catch {
		return undefined;
	}
}

function trimmed(value: unknown): string {
	return typeof value === 'string' ? value.trim() : '';
}

/** The credential's webhook fields read now, or undefined when it cannot be read. */
async function freshOptionalCredential(
	context: TriggerContext,
): Promise<WebhookCredential | undefined> {
	const credentials = await optionalCredentials(context);
	return credentials ? webhookCredentialFields(context, credentials) : undefined;
}

/**
 * The secret deliveries are signed with, in the published order: the node's Webhook Secret,
 * then the credential's. The automatic modes never run without one: when both are empty
 * they use a secret derived from the API key (shared/derivedSecret.ts), which activation
 * registers on the channels. Manual mode without any secret keeps the published behaviour:
 * deliveries are not verified.
 *
 * Activation reads the credential fresh (the default); deliveries pass a cached read
 * (shared/credentialCache.ts). A credential that cannot be read counts as none, as published.
 */
export async function resolveSecret(
	context: TriggerContext,
	readCredential?: ReadWebhookCredential,
): Promise<ResolvedSecret> {
	const own = trimmed(context.getNodeParameter('webhookSecret', ''));
	if (own) return { secret: own, source: 'node' };
	const credential = readCredential
		? await readCredential().catch(() => undefined)
		: await freshOptionalCredential(context);
	const shared = trimmed(credential?.webhookSecret);
	if (shared) return { secret: shared, source: 'credential' };
	if (autoSetupMode(context) === 'manual') return { secret: '', source: 'none' };
	// No key, no secret: the caller fails closed (activation errors, deliveries get 401).
	return { secret: credential?.derivedSecret ?? '', source: 'derived' };
}
