import type { IDataObject, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

import type { ReadWebhookCredential } from '../../shared/credentialCache';
import { checkWithWebhookCredential } from '../../shared/credentialCache';
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

const INVALID_SIGNATURE = 'Invalid webhook signature';

interface Refusal {
	status: number;
	text: string;
}

/** Why a delivery is refused, or undefined when its signature is fine (or not checked). */
async function signatureRefusal(
	context: IWebhookFunctions,
	readCredential: ReadWebhookCredential,
): Promise<Refusal | undefined> {
	const { secret, source } = await resolveSecret(context, readCredential);
	// Only manual mode without any secret skips the check, exactly as published (the node
	// shows a notice and activation logs a warning). Everything else fails closed.
	if (source === 'none') return undefined;
	const signature = context.getHeaderData()[SIGNATURE_HEADER];
	if (signature === undefined || signature === '') {
		return { status: 401, text: 'Missing X-Webhook-Signature header' };
	}
	const raw: unknown = context.getRequestObject().rawBody;
	if (!Buffer.isBuffer(raw)) {
		return { status: 400, text: 'Unable to read raw request body for signature verification' };
	}
	if (checkSignature(raw, signature, secret ? [secret] : []) !== 'valid') {
		return { status: 401, text: INVALID_SIGNATURE };
	}
	return undefined;
}

/**
 * A delivery, as the published trigger handled it: signature checked when a secret exists
 * (always in the automatic modes), optional event filter, then one item with the body as is.
 * The credential is cached per trigger; a mismatch re-reads it once (shared/credentialCache.ts).
 */
export async function handleDelivery(context: IWebhookFunctions): Promise<IWebhookResponseData> {
	const response = context.getResponseObject();
	const refusal = await checkWithWebhookCredential(
		context,
		async (readCredential) => await signatureRefusal(context, readCredential),
		(refused) => refused?.text !== INVALID_SIGNATURE,
	);
	if (refusal) return answer(response, refusal.status, refusal.text);

	const body = context.getBodyData();
	const events = context.getNodeParameter('events', []) as string[];
	// A body without an event is not filtered (as published).
	const event = body.event as string | undefined;
	if (events.length && event && !events.includes(event)) {
		return answer(response, 200, { received: true, filtered: true });
	}
	return { workflowData: [[{ json: body }]] };
}
