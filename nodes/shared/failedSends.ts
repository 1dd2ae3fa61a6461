import { NodeOperationError } from 'n8n-workflow';
import type { IDataObject, INode } from 'n8n-workflow';

import { withHint } from './errors';

/*
 * Failed sends: the API answers 200 with success false / status "failed" when Meta refuses a
 * message for good. The short remedy goes in the error's message (an AI Agent's model sees only
 * that), the longer explanation in its description.
 */

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
