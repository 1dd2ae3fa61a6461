import { NodeApiError, NodeOperationError } from 'n8n-workflow';
import type { IDataObject, INode, JsonObject } from 'n8n-workflow';

/** What an API failure means for the user: a message and how to fix it. */
export interface ApiErrorSummary {
	message: string;
	description: string;
}

type Headers = Record<string, unknown>;

/** The API body as an object, whether axios handed over JSON, text or a Buffer. */
export function parseErrorBody(body: unknown): IDataObject {
	let value = body;
	if (Buffer.isBuffer(value)) value = value.toString('utf8');
	if (value instanceof ArrayBuffer) value = Buffer.from(value).toString('utf8');
	if (typeof value === 'string') {
		try {
			value = JSON.parse(value);
		} catch {
			const text = (value as string).trim();
			return text ? { detail: text.slice(0, 500) } : {};
		}
	}
	return value !== null && typeof value === 'object' && !Array.isArray(value)
		? (value as IDataObject)
		: {};
}

/** Seconds from a Retry-After header (delta-seconds or HTTP date), if present and sane. */
export function retryAfterSeconds(headers: Headers | undefined): number | undefined {
	const raw = headers?.['retry-after'] ?? headers?.['Retry-After'];
	const value = String((Array.isArray(raw) ? raw[0] : raw) ?? '');
	if (value === '') return undefined;
	const seconds = Number(value);
	if (Number.isFinite(seconds)) return Math.max(0, Math.ceil(seconds));
	const date = Date.parse(value);
	if (Number.isNaN(date)) return undefined;
	return Math.max(0, Math.ceil((date - Date.now()) / 1000));
}

/** FastAPI 422 entries: `{ loc: ['body', 'media_url'], msg }` -> `media_url: msg`. */
function describeValidationErrors(detail: unknown[]): string {
	return detail
		.map((entry) => {
			const { loc, msg } = (entry ?? {}) as { loc?: unknown[]; msg?: string };
			// Only the leading location is dropped: a field may itself be called "body" (variables.body.0).
			const path = [...(loc ?? [])];
			if (['body', 'query', 'path'].includes(String(path[0]))) path.shift();
			const field = path.join('.');
			return field ? `${field}: ${msg ?? 'invalid'}` : (msg ?? 'invalid value');
		})
		.join('; ');
}

/** The API's own words for a failure: `detail` as text, structured object or field list. */
function detailText(body: IDataObject): string | undefined {
	const { detail } = body;
	if (typeof detail === 'string') return detail;
	if (Array.isArray(detail)) return describeValidationErrors(detail);
	if (detail && typeof detail === 'object') {
		const message = (detail as IDataObject).message;
		if (typeof message === 'string') return message;
		return JSON.stringify(detail);
	}
	if (typeof body.error === 'string') return body.error;
	if (typeof body.message === 'string') return body.message;
	return undefined;
}

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
function withHint(message: string, hint: string): string {
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

/** Meta error codes a failed send can carry, and what to do about each. */
const META_FIXES: Array<[number[], string]> = [
	[
		[131047],
		'The 24-hour customer service window is closed. On WhatsApp, send an approved template (Message > Send Template); on Instagram and Messenger, wait for the user to write again.',
	],
	[
		[131057],
		'The WhatsApp Business Account is in maintenance at Meta. Send again later; if it persists, treat it like a closed 24-hour window and send an approved template.',
	],
	[
		[131051],
		'Meta does not support this message type here. Send text, or a media type the channel supports.',
	],
	[
		[131052],
		'Meta could not download the media URL. Check it is public or validly signed, answers 200 with the right Content-Type, and has not expired.',
	],
	[
		[131053],
		'Meta could not process the media (format or size, or your host is rate-limited by Meta). Try another format, a smaller file, or storage such as S3, GCS or R2.',
	],
	[
		[131026],
		'The recipient is not a valid WhatsApp user or cannot be messaged. Check the number (digits only, with country code).',
	],
	[
		[133010],
		'The WhatsApp number is not registered with Meta: its WhatsApp Business App (Coexistence) connection is incomplete. Finish the connection or reconnect the channel with a new setup link.',
	],
	[
		[190],
		"The channel's Meta access token expired or was revoked. Reconnect the channel (Channel > Generate OAuth URL, or the Fiwano portal).",
	],
	[
		[200],
		'Meta denied permission for this action; the channel stays connected. Reconnect it granting every permission asked for, or check the Page/account roles in Meta Business Suite.',
	],
	[
		[10],
		'The app lacks permission for this action on this account (e.g. a permission not granted, or messaging outside the allowed window). Reconnect the channel granting every permission, or wait for the user to write.',
	],
	[
		[368],
		'Meta temporarily blocked this account for a policy violation. Check Account Quality in Meta Business Suite and send again once the block ends.',
	],
	[
		[551],
		'This person cannot be messaged right now (Instagram/Messenger): they may have blocked the account or limited who can message them. Do not retry.',
	],
	[
		[803],
		'Unknown recipient: this IGSID/PSID does not exist for this channel. Use data.from of a Fiwano Trigger event of the same channel.',
	],
	[[100], 'Meta rejected a parameter. Check the recipient, text, media URL and media type.'],
];

/** One-sentence remedies for the message (all an AI Agent's model sees); META_FIXES explain more. */
const META_REMEDIES: Record<number, string> = {
	131047:
		'The 24-hour window is closed: send an approved template instead (on Instagram or Messenger, wait for the user to write).',
	131057:
		'The WhatsApp Business Account is in maintenance: send again later, or send an approved template.',
	131051: 'This message type is not supported here: send text or a supported media type.',
	131052:
		'Meta could not download the media URL: use a public HTTPS URL that answers 200 with the right Content-Type.',
	131053: 'Meta could not process the media: try another format or a smaller file.',
	131026:
		'The recipient cannot be messaged on WhatsApp: check the number (digits only, with country code).',
	133010:
		'The WhatsApp number is not registered with Meta: reconnect the channel with a new setup link.',
	190: "The channel's Meta token expired or was revoked: reconnect the channel.",
	200: 'Meta denied permission: reconnect the channel granting every permission.',
	10: 'The app lacks permission for this action: reconnect the channel, or wait for the user to write.',
	368: 'Meta blocked this account for a policy violation: send again once the block ends.',
	551: 'This person cannot be messaged right now: do not retry.',
	803: 'Unknown recipient for this channel: use data.from of a Fiwano Trigger event of the same channel.',
	100: 'Meta rejected a parameter: check the recipient, text, media URL and media type.',
};

/** What to do about a Meta error code of a failed send, when the code is a known one. */
export function metaErrorFix(code: number | undefined): string | undefined {
	return META_FIXES.find(([codes]) => code !== undefined && codes.includes(code))?.[1];
}

/** Meta code of a failed send: `error_code`, or the first of `errors[]`. */
export function metaErrorCode(body: IDataObject): number | undefined {
	if (typeof body.error_code === 'number') return body.error_code;
	const first = Array.isArray(body.errors)
		? (body.errors[0] as IDataObject | undefined)
		: undefined;
	return typeof first?.code === 'number' ? first.code : undefined;
}

/** The API accepted the call (200) but Meta refused the message permanently. */
export function isFailedSend(body: IDataObject): boolean {
	return body.success === false || body.status === 'failed';
}

export function failedSendError(
	node: INode,
	body: IDataObject,
	itemIndex: number,
): NodeOperationError {
	const code = metaErrorCode(body);
	const fix = META_FIXES.find(([codes]) => code !== undefined && codes.includes(code))?.[1];
	const reason = typeof body.error === 'string' && body.error ? body.error : 'no reason given';
	const remedy = code !== undefined ? META_REMEDIES[code] : undefined;
	const message = `Message not sent${code !== undefined ? ` (Meta error ${code})` : ''}: ${reason}`;
	return new NodeOperationError(node, remedy ? withHint(message, remedy) : message, {
		itemIndex,
		description: `${fix ?? 'Fix the request and send again.'} To get failed sends as output items instead of an error, turn on the option Return Failed Send as Data.`,
	});
}
