import { NodeConnectionTypes } from 'n8n-workflow';
import type {
	IHookFunctions,
	INodeType,
	INodeTypeBaseDescription,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';

import { CREDENTIAL_TEST, fiwanoApiCredentialTest } from '../../shared/credentialTest';
import { triggerV1Properties } from './description';
import { checkWebhook, createWebhook, deleteWebhook } from './setup';
import { handleDelivery } from './webhook';

/**
 * The trigger as the published 1.x package saved it (typeVersion 1). Same parameters, same
 * setup and same output; one change: the automatic modes now always verify signatures.
 */
export class FiwanoTriggerV1 implements INodeType {
	description: INodeTypeDescription;

	constructor(baseDescription: INodeTypeBaseDescription) {
		this.description = {
			...baseDescription,
			version: 1,
			subtitle:
				'={{ $parameter["autoSetup"] === "channel" ? "channel: " + $parameter["channelId"] : ($parameter["autoSetup"] === "all" ? "all active channels" : "manual") }}',
			defaults: { name: 'Fiwano Trigger' },
			inputs: [],
			outputs: [NodeConnectionTypes.Main],
			// Optional: Manual mode needs none, and 0.x triggers were saved without one.
			credentials: [{ name: 'fiwanoApi', required: false, testedBy: CREDENTIAL_TEST }],
			webhooks: [
				{
					name: 'default',
					httpMethod: 'POST',
					responseMode: 'onReceived',
					path: 'webhook',
				},
			],
			properties: triggerV1Properties,
		};
	}

	methods = { credentialTest: { fiwanoApiCredentialTest } };

	webhookMethods = {
		default: {
			async checkExists(this: IHookFunctions): Promise<boolean> {
				return await checkWebhook(this);
			},
			async create(this: IHookFunctions): Promise<boolean> {
				return await createWebhook(this);
			},
			async delete(this: IHookFunctions): Promise<boolean> {
				return await deleteWebhook(this);
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		return await handleDelivery(this);
	}
}
