import type { IDataObject, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

import { checkSignature, SIGNATURE_HEADER } from '../../shared/signature';
import { resolveSecret } from './secret';

type Response = ReturnType<IWebhookFunctions['getResponseObject']>;

/** Answers Fiwano directly; no execution starts. */
function answer(
	response: Response,
	status: number,
	body: string | IDataObject,
): IWebhookResponseData {
	const json = typeof body !== 'string';
	response.writeHead(status, {
		'Content-Type': json ? 'application/json; charset=utf-8' : 'text/plain; charset=utf-8',
	});
	response.end(json ? JSON.stringify(body) : body);
	return { noWebhookResponse: true };
}

/**
 * A delivery, as the published trigger handled it: signature checked when a secret exists
 * (always in the automatic modes), optional event filter, then one item with the body as is.
 */
export async function handleDelivery(context: IWebhookFunctions): Promise<IWebhookResponseData> {
	const request = context.getRequestObject();
	const response = context.getResponseObject();
	const { secret, source } = await resolveSecret(context);

	// Only manual mode without any secret skips the check, exactly as published (the node
	// shows a notice and activation logs a warning). Everything else fails closed.
	if (source !== 'none') {
		const signature = context.getHeaderData()[SIGNATURE_HEADER];
		if (signature === undefined || signature === '') {
			return answer(response, 401, 'Missing X-Webhook-Signature header');
		}
		const raw: unknown = request.rawBody;
		if (!Buffer.isBuffer(raw)) {
			return answer(response, 400, 'Unable to read raw request body for signature verification');
		}
		if (checkSignature(raw, signature, secret ? [secret] : []) !== 'valid') {
			return answer(response, 401, 'Invalid webhook signature');
		}
	}

	const body = context.getBodyData();
	const events = context.getNodeParameter('events', []) as string[];
	// A body without an event is not filtered (as published).
	const event = body.event as string | undefined;
	if (events.length && event && !events.includes(event)) {
		return answer(response, 200, { received: true, filtered: true });
	}
	return { workflowData: [[{ json: body }]] };
}
