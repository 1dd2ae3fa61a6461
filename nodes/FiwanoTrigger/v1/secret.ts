import type { IDataObject, IHookFunctions, IWebhookFunctions } from 'n8n-workflow';

import { deriveWebhookSecret } from '../../shared/derivedSecret';
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

/**
 * The secret deliveries are signed with, in the published order: the node's Webhook Secret,
 * then the credential's. The automatic modes never run without one: when both are empty
 * they use a secret derived from the API key (shared/derivedSecret.ts), which activation
 * registers on the channels. Manual mode without any secret keeps the published behaviour:
 * deliveries are not verified.
 */
export async function resolveSecret(context: TriggerContext): Promise<ResolvedSecret> {
	const own = trimmed(context.getNodeParameter('webhookSecret', ''));
	if (own) return { secret: own, source: 'node' };
	const credentials = await optionalCredentials(context);
	const shared = trimmed(credentials?.webhookSecret);
	if (shared) return { secret: shared, source: 'credential' };
	if (autoSetupMode(context) === 'manual') return { secret: '', source: 'none' };
	const apiKey = typeof credentials?.apiKey === 'string' ? credentials.apiKey : '';
	// No key, no secret: the caller fails closed (activation errors, deliveries get 401).
	if (!apiKey) return { secret: '', source: 'derived' };
	const node = context.getNode();
	return {
		secret: deriveWebhookSecret(apiKey, context.getWorkflow().id ?? '', node.id || node.name),
		source: 'derived',
	};
}
