import type {
	IDataObject,
	IExecuteSingleFunctions,
	IHttpRequestOptions,
	IN8nHttpFullResponse,
	INodeExecutionData,
} from 'n8n-workflow';

import { parseErrorBody } from '../../../shared/apiAnswer';
import { apiError } from '../../../shared/errors';

/**
 * First postReceive step of every operation. Requests run with ignoreHttpStatusErrors so the
 * API's own error body reaches us; the engine would otherwise replace it with a generic text.
 */
export async function throwOnApiError(
	this: IExecuteSingleFunctions,
	items: INodeExecutionData[],
	response: IN8nHttpFullResponse,
): Promise<INodeExecutionData[]> {
	if (response.statusCode >= 400) {
		throw apiError(
			this.getNode(),
			response.statusCode,
			response.body,
			response.headers,
			this.getItemIndex(),
		);
	}
	return items;
}

/** Delete endpoints answer `{}` or a message; output a clear `{ deleted: true, <key>: id }`. */
export function deletedResult(idParameter: string, idKey: string) {
	return async function (
		this: IExecuteSingleFunctions,
		_items: INodeExecutionData[],
		response: IN8nHttpFullResponse,
	): Promise<INodeExecutionData[]> {
		const id = this.getNodeParameter(idParameter, undefined, { extractValue: true }) as string;
		const body = parseErrorBody(response.body);
		return [{ json: { deleted: true, [idKey]: id, ...body } as IDataObject }];
	};
}

/**
 * Webhook secrets never reach output items: the API returns them on exchange-code and PATCH,
 * but a secret in execution data is visible to anyone who can read executions.
 */
export async function redactWebhookSecret(
	this: IExecuteSingleFunctions,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[]> {
	return items.map((item) => {
		if (!('webhook_secret' in item.json)) return item;
		const { webhook_secret: secret, ...rest } = item.json;
		return { ...item, json: { ...rest, has_webhook_secret: Boolean(secret) } };
	});
}

/**
 * Setting a webhook URL without a secret makes Fiwano generate one we could not show; use the
 * credential's Webhook Secret instead, so the Fiwano Trigger can verify deliveries.
 */
export async function defaultWebhookSecret(
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	const body = requestOptions.body as IDataObject;
	if (body.webhook_url && !body.webhook_secret) {
		const credentials = await this.getCredentials('fiwanoApi');
		if (typeof credentials.webhookSecret === 'string' && credentials.webhookSecret) {
			body.webhook_secret = credentials.webhookSecret;
		}
	}
	return requestOptions;
}
