import type { IDataObject, IHookFunctions, IWebhookFunctions } from 'n8n-workflow';

import { CREDENTIAL_TYPE } from '../../shared/transport';
import { generateSecret } from '../../shared/signature';
import { triggerState } from './state';

export type WebhookSetup = 'manual' | 'selectedChannels' | 'allChannels';

export function isAutomatic(setup: string): boolean {
	return setup === 'selectedChannels' || setup === 'allChannels';
}

/**
 * The signing secret, in the documented order: the node's field, the credential's Webhook
 * Secret, then (automatic setup only) the secret the trigger generated and registered.
 * With `generate`, automatic setup creates and stores that secret when there is none yet.
 */
export async function currentSecret(
	context: IHookFunctions | IWebhookFunctions,
	generate = false,
): Promise<string | undefined> {
	const own = context.getNodeParameter('secret', '') as string;
	if (own) return own;
	const credentials = (await context.getCredentials(CREDENTIAL_TYPE)) as IDataObject;
	if (typeof credentials.webhookSecret === 'string' && credentials.webhookSecret) {
		return credentials.webhookSecret;
	}
	if (!isAutomatic(context.getNodeParameter('webhookSetup', 'manual') as string)) return undefined;
	const state = triggerState(context);
	if (!state.generatedSecret && generate) state.generatedSecret = generateSecret();
	return state.generatedSecret;
}

/** Secrets a delivery may be signed with: the current one and, during a rotation, the previous. */
export async function acceptedSecrets(context: IWebhookFunctions): Promise<string[]> {
	const options = context.getNodeParameter('options', {}) as IDataObject;
	const current = await currentSecret(context);
	const previous = typeof options.previousSecret === 'string' ? options.previousSecret : '';
	return [current, previous].filter((secret): secret is string => !!secret);
}
