import { NodeApiError } from 'n8n-workflow';
import type { IDataObject, INode, JsonObject } from 'n8n-workflow';

import { detailText, parseErrorBody, retryAfterSeconds } from './apiAnswer';

/** What an API failure means for the user: a message and how to fix it. */
export interface ApiErrorSummary {
	message: string;
	description: string;
}

type Headers = Record<string, unknown>;

function waitHint(headers: Headers | undefined): string {
	const seconds = retryAfterSeconds(headers);
	return seconds === undefined ? 'Wait a moment' : `Wait ${seconds} s (Retry-After)`;
}

/** What to do about a structured `detail` code when the API sends no hint of its own. */
const DETAIL_FIXES: Record<string, string> = {
	invalid_recipient:
		'Set Recipient to the phone number with country code for WhatsApp (digits only), or the numeric IGSID/PSID for Instagram and Messenger (data.from of a Fiwano Trigger event).',
	recipient_equals_sender:
		"The recipient is the channel's own WhatsApp number. Send to the customer's number instead (data.from of a Fiwano Trigger event).",
};

/** `detail` as an object (`{ message, hint, code, ... }`), if the API sent one. */
function structuredDetail(body: IDataObject): IDataObject | undefined {
	const { detail } = body;
	return detail && typeof detail === 'object' && !Array.isArray(detail)
		? (detail as IDataObject)
		: undefined;
}

/** "Text." + "Hint" -> "Text. Hint", without doubling a final full stop. */
export function withHint(message: string, hint: string): string {
	const text = message.trimEnd();
	return `${text}${/[.!?]$/.test(text) ? '' : '.'} ${hint}`;
}

/** Short remedies for API refusals a send can end in, matched on the API's own words. */
const DETAIL_REMEDIES: Array<[RegExp, string]> = [
	[
		/not approved/i,
		'Send an APPROVED template (Template > Get Many lists them) or wait for Meta review.',
	],
	[/only supported for whatsapp/i, 'Use a WhatsApp channel.'],
	[/channel is inactive/i, 'Reconnect the channel in the Fiwano portal or pick an active one.'],
	[
		/channel not found/i,
		'Use a channel ID from Channel > Get Many, or the channel_id of the trigger event.',
	],
	[/template .*not found/i, 'Check the template name and language with Template > Get Many.'],
];

function withRemedy(message: string, detail: string | undefined): string {
	// Bounded: /template .*not found/ is quadratic on a long detail; the API's words are short.
	const words = detail?.slice(0, 2000);
	const remedy = DETAIL_REMEDIES.find(([pattern]) => words && pattern.test(words))?.[1];
	return remedy ? withHint(message, remedy) : message;
}

/** 409 no_free_slot: every slot of this channel type is taken; name who holds them. */
function noFreeSlot(structured: IDataObject): ApiErrorSummary {
	const occupiedBy = Array.isArray(structured.occupied_by)
		? structured.occupied_by.map(String).filter(Boolean)
		: [];
	const holders = occupiedBy.length
		? ` The slots are held by channel(s) ${occupiedBy.join(', ')}.`
		: '';
	const text =
		typeof structured.message === 'string'
			? structured.message
			: 'No free subscription slot for this channel type';
	return {
		message: withHint(
			`No free subscription slot: ${text}`,
			`${holders.trim()} Release a slot (deactivate ${occupiedBy.length ? 'one of those channels' : 'a channel of this type'} with Channel > Delete, then Channel > Update with Release Subscription Slot) or buy another subscription on the Billing page of the Fiwano portal.`.trim(),
		),
		description:
			'Each Fiwano subscription has one slot per channel type (WhatsApp, Instagram, Facebook). Subscription > Get Many shows the free slots and which channel holds each one.',
	};
}

/**
 * One place that turns an HTTP failure from Fiwano into an actionable message. A structured
 * `detail` adds its hint (or our fix for its code) to the message, which is all an AI Agent sees.
 */
export function summarizeApiError(
	statusCode: number,
	rawBody: unknown,
	headers?: Headers,
): ApiErrorSummary {
	const structured = structuredDetail(parseErrorBody(rawBody));
	if (structured && (structured.code === 'no_free_slot' || Array.isArray(structured.occupied_by))) {
		return noFreeSlot(structured);
	}
	const summary = summarizeByStatus(statusCode, rawBody, headers);
	if (!structured || structured.code === 'text_too_long') return summary;
	const hint =
		typeof structured.hint === 'string' && structured.hint.trim()
			? structured.hint.trim()
			: DETAIL_FIXES[String(structured.code)];
	if (!hint || summary.message.includes(hint)) return summary;
	return { ...summary, message: withHint(summary.message, hint) };
}

function summarizeByStatus(
	statusCode: number,
	rawBody: unknown,
	headers?: Headers,
): ApiErrorSummary {
	const body = parseErrorBody(rawBody);
	const detail = detailText(body);
	const structured =
		body.detail && typeof body.detail === 'object' && !Array.isArray(body.detail)
			? (body.detail as IDataObject)
			: undefined;

	switch (statusCode) {
		case 400:
			if (structured?.code === 'text_too_long') {
				return {
					message: withHint(
						`Text too long: ${detail}`,
						'Shorten the text, or turn on the Send Text option Split Long Text.',
					),
					description: `${structured.hint ?? 'Split the text and send it as several messages.'} The limit is ${structured.max_length} characters on ${structured.channel_type}; this text has ${structured.actual_length}. Turn on the Send Text option Split Long Text to have the node send it as several messages in order.`,
				};
			}
			return {
				message: withRemedy(`Fiwano rejected the request: ${detail ?? 'bad request'}`, detail),
				description:
					'Check the parameters named in the message. An inactive channel or an expired Meta token must be reconnected in the Fiwano portal.',
			};
		case 401:
			return {
				message: `Fiwano rejected the API key${detail ? `: ${detail}` : ''}`,
				description:
					'Check the API Key in the Fiwano API credential: it starts with mip_live_ and must not be revoked. Create a new key on the API Keys page of the portal if needed.',
			};
		case 402:
			return {
				message: withHint(
					`Payment required: ${detail ?? 'the Fiwano trial or subscription is not active'}`,
					'The account owner must renew or upgrade it on the Billing page of the Fiwano portal; retrying will not help.',
				),
				description:
					'The trial has ended, the subscription is inactive, or this feature needs the Pro tier (media and WhatsApp templates). Manage it on the Billing page of the Fiwano portal.',
			};
		case 404:
			return {
				message: withRemedy(`Not found: ${detail ?? 'the resource does not exist'}`, detail),
				description:
					'Check the ID. Channels, templates and redirect URIs of another account are reported as not found too.',
			};
		case 410:
			return {
				message: withHint(
					detail && !/expired|unavailable/i.test(detail)
						? `Media file expired or unavailable: ${detail}`
						: 'Media file expired or unavailable',
					'Download media within 60 minutes of the event.',
				),
				description:
					'Inbound media is kept for 60 minutes after the webhook, and is unavailable if Fiwano could not fetch it from Meta. Download it sooner, e.g. with the trigger option that downloads media.',
			};
		case 422:
			return {
				message: `Invalid ${detail ? `fields: ${detail}` : 'request'}`,
				description: 'Fix the fields named in the message and run the node again.',
			};
		case 429:
			return {
				message: 'Fiwano rate limit reached (100 requests per minute per API key)',
				description: `${waitHint(headers)} and run again, or space items out with the Batching setting under Request Options.`,
			};
		case 502:
			return {
				message: `Meta API error: ${detail ?? 'upstream failure'}`,
				description: 'Meta (WhatsApp, Instagram or Messenger) failed upstream. Retrying may help.',
			};
		case 503:
			return {
				message: 'Fiwano is temporarily unavailable',
				description: `${waitHint(headers)} and run again.`,
			};
		default:
			return {
				message: `Fiwano API error ${statusCode}${detail ? `: ${detail}` : ''}`,
				description:
					statusCode >= 500
						? 'A server error at Fiwano. Retrying later may help.'
						: 'Check the parameters and run again.',
			};
	}
}

/**
 * A NodeApiError carrying only the API's body (never request options, which hold the key).
 * Its httpCode and, for a 429/503 that announced one, `context.retryAfterSeconds` are all the
 * retry policy needs to know about it.
 */
export function apiError(
	node: INode,
	statusCode: number,
	rawBody: unknown,
	headers?: Headers,
	itemIndex?: number,
): NodeApiError {
	const { message, description } = summarizeApiError(statusCode, rawBody, headers);
	const error = new NodeApiError(node, parseErrorBody(rawBody) as JsonObject, {
		message,
		description,
		httpCode: String(statusCode),
		itemIndex,
	});
	const retryAfter = retryAfterSeconds(headers);
	if (retryAfter !== undefined) error.context.retryAfterSeconds = retryAfter;
	return error;
}
