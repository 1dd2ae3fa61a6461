import { NodeOperationError } from 'n8n-workflow';
import type {
	IDataObject,
	IExecuteSingleFunctions,
	IHttpRequestOptions,
	IN8nHttpFullResponse,
	INodeExecutionData,
} from 'n8n-workflow';

import { apiError, failedSendError, isFailedSend, parseErrorBody } from '../../../shared/errors';

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

/** A 200 with `success: false` / `status: "failed"` is a permanent Meta refusal: red by default. */
export async function throwOnFailedSend(
	this: IExecuteSingleFunctions,
	items: INodeExecutionData[],
	response: IN8nHttpFullResponse,
): Promise<INodeExecutionData[]> {
	const body = parseErrorBody(response.body);
	const asData = this.getNodeParameter('options.failedSendAsData', false) as boolean;
	if (isFailedSend(body) && !asData) {
		throw failedSendError(this.getNode(), body, this.getItemIndex());
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

const PHONE_LIKE = /^\+?[\d\s().-]+$/;
const ID_LIKE = /^[A-Za-z0-9._:-]{1,256}$/;

/**
 * Recipient as the API wants it: WhatsApp numbers lose +, spaces, dots, dashes and brackets
 * (IGSID/PSID are plain digits, so they pass unchanged). Anything that is not an ID, such as
 * an empty value or "[object Object]" from a wrong expression, is refused before any request.
 */
export function normalizeRecipient(raw: unknown): string {
	if (raw !== null && typeof raw === 'object') {
		throw new Error('Recipient is an object or a list, not an ID (the expression points at the wrong field)');
	}
	const value = typeof raw === 'number' ? String(raw) : typeof raw === 'string' ? raw.trim() : '';
	if (value && PHONE_LIKE.test(value) && /\d/.test(value)) return value.replace(/\D/g, '');
	if (ID_LIKE.test(value)) return value;
	throw new Error(
		value
			? `Recipient "${value.slice(0, 60)}" is not a valid recipient ID`
			: 'Recipient is empty',
	);
}

export async function setRecipient(
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	try {
		const recipient = normalizeRecipient(this.getNodeParameter('recipient'));
		(requestOptions.body as IDataObject).recipient = recipient;
		return requestOptions;
	} catch (error) {
		throw new NodeOperationError(this.getNode(), (error as Error).message, {
			itemIndex: this.getItemIndex(),
			description:
				'Set Recipient to the phone number with country code (WhatsApp, e.g. 15551234567) or the IGSID/PSID (Instagram, Messenger). When replying to a Fiwano Trigger event, use {{ $json.data.from }}.',
		});
	}
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
