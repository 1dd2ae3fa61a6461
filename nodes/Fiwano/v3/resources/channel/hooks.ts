import { NodeApiError, NodeOperationError } from 'n8n-workflow';
import type {
	IDataObject,
	IExecuteSingleFunctions,
	IHttpRequestOptions,
	IN8nHttpFullResponse,
	INodeExecutionData,
	JsonObject,
} from 'n8n-workflow';

import { parseErrorBody } from '../../../../shared/apiAnswer';
import { fiwanoApiRequest } from '../../../../shared/transport';
import { secretTooLongMessage } from '../../../../shared/webhookRules';
import { throwOnApiError } from '../../shared/hooks';

function failure(context: IExecuteSingleFunctions, message: string, description?: string) {
	return new NodeOperationError(context.getNode(), message, {
		itemIndex: context.getItemIndex(),
		description,
	});
}

/**
 * Update's switches, which are not API fields: Clear Webhook URL sends `webhook_url: ""` (it
 * wins over a typed URL); Release Subscription Slot sends `subscription_id: ""`, only for a
 * channel that is already deactivated (the API would refuse, and the slot may be lost for
 * good). An empty Subscription ID is never sent: it would release the slot.
 */
export async function applyUpdateSwitches(
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	const fields = this.getNodeParameter('updateFields', {}) as IDataObject;
	const body = requestOptions.body as IDataObject;
	if (fields.clearWebhookUrl === true) body.webhook_url = '';
	const subscriptionId =
		typeof fields.subscriptionId === 'string' ? fields.subscriptionId.trim() : '';
	if (fields.releaseSubscriptionSlot !== true) {
		if (subscriptionId) body.subscription_id = subscriptionId;
		return requestOptions;
	}
	if (subscriptionId) {
		throw failure(
			this,
			'Subscription ID and Release Subscription Slot are both set: choose one. Subscription ID moves the channel to another subscription; Release Subscription Slot frees its slot.',
		);
	}
	const channelId = String(this.getNodeParameter('channelId', '', { extractValue: true }));
	const channel = (await fiwanoApiRequest.call(
		this,
		'GET',
		`/channels/${encodeURIComponent(channelId)}`,
	)) as IDataObject;
	if (channel.is_active === true) {
		throw failure(
			this,
			`Channel ${channelId} is still active, so its subscription slot cannot be released. Deactivate it first with Channel > Delete (it keeps its slot), then run Update with Release Subscription Slot again.`,
			'Releasing is effectively permanent once another channel takes the slot; to keep the channel, move it with Subscription ID instead.',
		);
	}
	body.subscription_id = '';
	return requestOptions;
}

/**
 * Fiwano accepts webhook secrets of at most 64 characters. Runs after the credential's secret
 * may have been filled in, so a long credential secret is caught too (it cannot be checked
 * when the credential is saved).
 */
export function checkWebhookSecretLength(collection: 'updateFields' | 'webhook') {
	return async function (
		this: IExecuteSingleFunctions,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		const secret = (requestOptions.body as IDataObject | undefined)?.webhook_secret;
		const typed = this.getNodeParameter(`${collection}.webhookSecret`, '') as string;
		const where =
			typed && typed === secret
				? `Webhook Secret (${collection === 'webhook' ? 'Webhook' : 'Update Fields'})`
				: "The credential's Webhook Secret";
		const problem = secretTooLongMessage(secret, where);
		if (problem) throw failure(this, problem);
		return requestOptions;
	};
}

/**
 * Generate OAuth URL: a 402 means the account has no active subscription at all. Other
 * errors, 409 no_free_slot included, are mapped by the shared error summary.
 */
export async function throwOnSetupUrlError(
	this: IExecuteSingleFunctions,
	items: INodeExecutionData[],
	response: IN8nHttpFullResponse,
): Promise<INodeExecutionData[]> {
	if (response.statusCode !== 402) return await throwOnApiError.call(this, items, response);
	const body = parseErrorBody(response.body);
	const detail = typeof body.detail === 'string' ? ` (${body.detail})` : '';
	throw new NodeApiError(this.getNode(), body as JsonObject, {
		message: `No active Fiwano subscription${detail}: connect a subscription to the account on the Billing page of the Fiwano portal, then generate the setup link again.`,
		description:
			'A channel can only be connected into a free slot of an active subscription (one WhatsApp, one Instagram and one Facebook slot each). Subscription > Get Many lists them.',
		httpCode: '402',
		itemIndex: this.getItemIndex(),
	});
}
