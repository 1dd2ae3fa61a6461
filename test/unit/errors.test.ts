import { NodeApiError, NodeOperationError } from 'n8n-workflow';
import type { INode } from 'n8n-workflow';

import { parseErrorBody, retryAfterSeconds } from '../../nodes/shared/apiAnswer';
import { apiError, summarizeApiError } from '../../nodes/shared/errors';
import {
	failedSendError,
	isFailedSend,
	metaErrorCode,
	metaErrorFix,
} from '../../nodes/shared/failedSends';

const node: INode = {
	id: 'n',
	name: 'Fiwano',
	type: 'n8n-nodes-fiwano.fiwano',
	typeVersion: 3,
	position: [0, 0],
	parameters: {},
};

/** The message starts with these words (a fix may follow, which other tests pin down). */
const begins = (prefix: string) =>
	expect.stringMatching(new RegExp(`^${prefix.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));

describe('parseErrorBody', () => {
	it('parses JSON from a Buffer, an ArrayBuffer and a string', () => {
		const json = JSON.stringify({ detail: 'Nope' });
		const bytes = Buffer.from(json);
		const arrayBuffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length);

		expect(parseErrorBody(bytes)).toEqual({ detail: 'Nope' });
		expect(parseErrorBody(arrayBuffer)).toEqual({ detail: 'Nope' });
		expect(parseErrorBody(json)).toEqual({ detail: 'Nope' });
	});

	it('keeps an object as it is', () => {
		const body = { detail: 'x', extra: 1 };
		expect(parseErrorBody(body)).toBe(body);
	});

	it('wraps plain text as detail, trimmed and cut at 500 characters', () => {
		expect(parseErrorBody('  Bad Gateway \n')).toEqual({ detail: 'Bad Gateway' });
		expect(parseErrorBody(`<html>${'x'.repeat(600)}`)).toEqual({
			detail: `<html>${'x'.repeat(494)}`,
		});
		expect(parseErrorBody(Buffer.from('upstream timeout'))).toEqual({ detail: 'upstream timeout' });
	});

	it('gives {} for empty text, arrays, null, numbers and undefined', () => {
		expect(parseErrorBody('')).toEqual({});
		expect(parseErrorBody('   ')).toEqual({});
		expect(parseErrorBody(Buffer.alloc(0))).toEqual({});
		expect(parseErrorBody('[1,2]')).toEqual({});
		expect(parseErrorBody([{ detail: 'x' }])).toEqual({});
		expect(parseErrorBody('null')).toEqual({});
		expect(parseErrorBody(null)).toEqual({});
		expect(parseErrorBody(42)).toEqual({});
		expect(parseErrorBody(undefined)).toEqual({});
	});
});

describe('retryAfterSeconds', () => {
	it('reads delta-seconds, rounding up and never negative', () => {
		expect(retryAfterSeconds({ 'retry-after': '30' })).toBe(30);
		expect(retryAfterSeconds({ 'Retry-After': '1.2' })).toBe(2);
		expect(retryAfterSeconds({ 'retry-after': 7 })).toBe(7);
		expect(retryAfterSeconds({ 'retry-after': '-5' })).toBe(0);
	});

	it('reads an HTTP date relative to now', () => {
		const now = Date.parse('2025-01-15T10:30:00Z');
		const spy = jest.spyOn(Date, 'now').mockReturnValue(now);
		try {
			expect(retryAfterSeconds({ 'retry-after': new Date(now + 45_000).toUTCString() })).toBe(45);
			expect(retryAfterSeconds({ 'retry-after': new Date(now - 45_000).toUTCString() })).toBe(0);
		} finally {
			spy.mockRestore();
		}
	});

	it('uses the first value of an array header', () => {
		expect(retryAfterSeconds({ 'retry-after': ['12', '99'] })).toBe(12);
	});

	it('is undefined for garbage, an empty or missing header, and no headers', () => {
		expect(retryAfterSeconds({ 'retry-after': 'soon' })).toBeUndefined();
		expect(retryAfterSeconds({ 'retry-after': '' })).toBeUndefined();
		expect(retryAfterSeconds({ 'retry-after': [] })).toBeUndefined();
		expect(retryAfterSeconds({ 'content-type': 'application/json' })).toBeUndefined();
		expect(retryAfterSeconds(undefined)).toBeUndefined();
	});
});

describe('summarizeApiError', () => {
	it('400: string detail, or "bad request" without one', () => {
		expect(summarizeApiError(400, { detail: 'Channel is not active' })).toEqual({
			message: 'Fiwano rejected the request: Channel is not active',
			description:
				'Check the parameters named in the message. An inactive channel or an expired Meta token must be reconnected in the Fiwano portal.',
		});
		expect(summarizeApiError(400, {}).message).toBe('Fiwano rejected the request: bad request');
	});

	it('400 text_too_long: message, hint and limits; default hint when absent', () => {
		const detail = {
			code: 'text_too_long',
			message: 'Text exceeds whatsapp limit of 4096 characters (got 5000).',
			actual_length: 5000,
			max_length: 4096,
			channel_type: 'whatsapp',
		};
		const withHint = summarizeApiError(400, { detail: { ...detail, hint: 'Split it.' } });
		expect(withHint.message).toEqual(
			begins(
				'Text too long: Text exceeds whatsapp limit of 4096 characters (got 5000). Shorten the text, or turn on the Send Text option Split Long Text.',
			),
		);
		expect(
			withHint.description.startsWith(
				'Split it. The limit is 4096 characters on whatsapp; this text has 5000.',
			),
		).toBe(true);
		expect(
			summarizeApiError(400, { detail }).description.startsWith(
				'Split the text and send it as several messages. The limit is 4096 characters on whatsapp; this text has 5000.',
			),
		).toBe(true);
	});

	it('400 with a structured detail of another code: its message, or the object as JSON', () => {
		expect(
			summarizeApiError(400, { detail: { code: 'other', message: 'Other problem' } }).message,
		).toBe('Fiwano rejected the request: Other problem');
		expect(summarizeApiError(400, { detail: { code: 'other' } }).message).toBe(
			'Fiwano rejected the request: {"code":"other"}',
		);
	});

	it('falls back to body.error, then body.message, for the detail text', () => {
		expect(summarizeApiError(400, { error: 'From error' }).message).toBe(
			'Fiwano rejected the request: From error',
		);
		expect(summarizeApiError(400, { message: 'From message' }).message).toBe(
			'Fiwano rejected the request: From message',
		);
		expect(summarizeApiError(400, { error: 5, message: 6 }).message).toBe(
			'Fiwano rejected the request: bad request',
		);
	});

	it('422: field list without the leading body/query/path, nested paths (even a key named body), missing loc or msg', () => {
		const summary = summarizeApiError(422, {
			detail: [
				{ loc: ['body', 'media_url'], msg: 'URL must use https' },
				{ loc: ['query', 'limit'], msg: 'must be positive' },
				{ loc: ['body', 'variables', 'body', 0] },
				{ loc: ['path', 'channel_id'], msg: 'bad id' },
				{ msg: 'whole body is invalid' },
				{ loc: ['body'] },
				null,
			],
		});
		expect(summary).toEqual({
			message:
				'Invalid fields: media_url: URL must use https; limit: must be positive; variables.body.0: invalid; channel_id: bad id; whole body is invalid; invalid value; invalid value',
			description: 'Fix the fields named in the message and run the node again.',
		});
		expect(summarizeApiError(422, '').message).toBe('Invalid request');
	});

	it('401 and 402', () => {
		const unauthorized = summarizeApiError(401, { detail: 'Invalid API key' });
		expect(unauthorized.message).toEqual(begins('Fiwano rejected the API key: Invalid API key'));
		expect(unauthorized.description).toContain('mip_live_');
		expect(summarizeApiError(402, { detail: 'Pro required' }).message).toEqual(
			begins('Payment required: Pro required'),
		);
		expect(summarizeApiError(402, {})).toEqual({
			message: begins('Payment required: the Fiwano trial or subscription is not active'),
			description:
				'The trial has ended, the subscription is inactive, or this feature needs the Pro tier (media and WhatsApp templates). Manage it on the Billing page of the Fiwano portal.',
		});
	});

	it('404 and 410, with and without detail', () => {
		expect(summarizeApiError(404, { detail: 'Channel not found' }).message).toEqual(
			begins(
				'Not found: Channel not found. Use a channel ID from Channel > Get Many, or the channel_id of the trigger event.',
			),
		);
		expect(summarizeApiError(404, undefined).message).toEqual(
			begins('Not found: the resource does not exist'),
		);
		// A detail that only repeats the summary is not repeated.
		expect(summarizeApiError(410, { detail: 'Expired' }).message).toBe(
			'Media file expired or unavailable. Download media within 60 minutes of the event.',
		);
		expect(summarizeApiError(410, { detail: 'Fetch from Meta failed' }).message).toBe(
			'Media file expired or unavailable: Fetch from Meta failed. Download media within 60 minutes of the event.',
		);
		expect(summarizeApiError(410, {}).message).toEqual(begins('Media file expired or unavailable'));
		expect(summarizeApiError(410, {}).description).toContain('60 minutes');
	});

	it('429 and 503 honour Retry-After, or say to wait a moment', () => {
		expect(summarizeApiError(429, {}, { 'retry-after': '30' })).toEqual({
			message: 'Fiwano rate limit reached (100 requests per minute per API key)',
			description:
				'Wait 30 s (Retry-After) and run again, or space items out with the Batching setting under Request Options.',
		});
		expect(summarizeApiError(429, {}).description).toMatch(/^Wait a moment and run again/);
		expect(summarizeApiError(503, {}, { 'Retry-After': '5' })).toEqual({
			message: 'Fiwano is temporarily unavailable',
			description: 'Wait 5 s (Retry-After) and run again.',
		});
		expect(summarizeApiError(503, {}).description).toBe('Wait a moment and run again.');
	});

	it('502 with and without detail', () => {
		expect(summarizeApiError(502, { detail: 'Graph timeout' }).message).toBe(
			'Meta API error: Graph timeout',
		);
		expect(summarizeApiError(502, '').message).toBe('Meta API error: upstream failure');
	});

	it('other statuses: server errors suggest retrying, client errors checking parameters', () => {
		expect(summarizeApiError(500, { detail: 'boom' })).toEqual({
			message: 'Fiwano API error 500: boom',
			description: 'A server error at Fiwano. Retrying later may help.',
		});
		expect(summarizeApiError(504, 'Gateway Timeout').message).toBe(
			'Fiwano API error 504: Gateway Timeout',
		);
		expect(summarizeApiError(409, {})).toEqual({
			message: 'Fiwano API error 409',
			description: 'Check the parameters and run again.',
		});
	});
});

describe('apiError', () => {
	it('is a NodeApiError with the mapped message, status and item, carrying only the body', () => {
		const error = apiError(node, 404, Buffer.from('{"detail":"Channel not found"}'), {}, 2);
		expect(error).toBeInstanceOf(NodeApiError);
		expect(error.message).toEqual(
			begins(
				'Not found: Channel not found. Use a channel ID from Channel > Get Many, or the channel_id of the trigger event.',
			),
		);
		expect(error.description).toContain('Check the ID');
		expect(error.httpCode).toBe('404');
		expect(error.context.itemIndex).toBe(2);
	});
});

describe('apiError for the retry policy', () => {
	it('carries the status, and the Retry-After seconds when the answer announced them', () => {
		const error = apiError(node, 429, { detail: 'slow down' }, { 'retry-after': '3' });
		expect(error.httpCode).toBe('429');
		expect(error.context.retryAfterSeconds).toBe(3);
		expect(apiError(node, 503, {}, {}).context.retryAfterSeconds).toBeUndefined();
	});
});

describe('structured detail objects ({ message, hint, code })', () => {
	it("adds the API's hint to the message, whatever the status", () => {
		const detail = {
			code: 'invalid_recipient',
			message: 'Recipient must be numeric',
			hint: 'Use the PSID from the webhook.',
		};
		expect(summarizeApiError(400, { detail }).message).toBe(
			'Fiwano rejected the request: Recipient must be numeric. Use the PSID from the webhook.',
		);
		expect(
			summarizeApiError(422, { detail: { message: 'Text is empty.', hint: 'Send some text.' } })
				.message,
		).toBe('Invalid fields: Text is empty. Send some text.');
		// A hint already in the message is not repeated.
		expect(
			summarizeApiError(400, { detail: { message: 'Bad. Fix it.', hint: 'Fix it.' } }).message,
		).toBe('Fiwano rejected the request: Bad. Fix it.');
	});

	it('gives our fix for invalid_recipient and recipient_equals_sender when the API sends no hint', () => {
		expect(
			summarizeApiError(400, {
				detail: { code: 'invalid_recipient', message: 'Invalid recipient' },
			}).message,
		).toBe(
			'Fiwano rejected the request: Invalid recipient. Set Recipient to the phone number with country code for WhatsApp (digits only), or the numeric IGSID/PSID for Instagram and Messenger (data.from of a Fiwano Trigger event).',
		);
		expect(
			summarizeApiError(400, {
				detail: { code: 'recipient_equals_sender', message: 'Cannot message yourself' },
			}).message,
		).toBe(
			"Fiwano rejected the request: Cannot message yourself. The recipient is the channel's own WhatsApp number. Send to the customer's number instead (data.from of a Fiwano Trigger event).",
		);
		expect(
			summarizeApiError(400, { detail: { code: 'unknown_code', message: 'Odd' } }).message,
		).toBe('Fiwano rejected the request: Odd');
	});

	it('409 no_free_slot names the channels in occupied_by and what to do', () => {
		const summary = summarizeApiError(409, {
			detail: {
				code: 'no_free_slot',
				message: 'No free instagram slot',
				occupied_by: ['ig1', 'ig2'],
			},
		});
		expect(summary.message).toBe(
			'No free subscription slot: No free instagram slot. The slots are held by channel(s) ig1, ig2. Release a slot (deactivate one of those channels with Channel > Delete, then Channel > Update with Release Subscription Slot) or buy another subscription on the Billing page of the Fiwano portal.',
		);
		expect(summary.description).toContain('Subscription > Get Many');
	});
});

describe('metaErrorCode', () => {
	it('reads error_code first, then errors[0].code', () => {
		expect(metaErrorCode({ error_code: 131047, errors: [{ code: 100 }] })).toBe(131047);
		expect(metaErrorCode({ errors: [{ code: 131026 }, { code: 100 }] })).toBe(131026);
	});

	it('is undefined without a numeric code', () => {
		expect(metaErrorCode({})).toBeUndefined();
		expect(metaErrorCode({ error_code: '131047' })).toBeUndefined();
		expect(metaErrorCode({ errors: [] })).toBeUndefined();
		expect(metaErrorCode({ errors: [{ code: 'x' }] })).toBeUndefined();
		expect(metaErrorCode({ errors: 'nope' })).toBeUndefined();
	});
});

describe('isFailedSend', () => {
	it('is true for success false or status failed', () => {
		expect(isFailedSend({ success: false })).toBe(true);
		expect(isFailedSend({ status: 'failed' })).toBe(true);
		expect(isFailedSend({ success: false, status: 'failed' })).toBe(true);
	});

	it('is false for success, queued and an empty body', () => {
		expect(isFailedSend({ success: true, message_id: 'm' })).toBe(false);
		expect(isFailedSend({ success: true, status: 'queued' })).toBe(false);
		expect(isFailedSend({})).toBe(false);
	});
});

describe('failedSendError', () => {
	it('names the code and the fix, with the item index', () => {
		const error = failedSendError(
			node,
			{ success: false, error_code: 190, error: 'Token expired' },
			1,
		);
		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error.message).toEqual(
			begins(
				"Message not sent (Meta error 190): Token expired. The channel's Meta token expired or was revoked: reconnect the channel.",
			),
		);
		expect(error.description).toContain('Reconnect the channel');
		expect(error.context.itemIndex).toBe(1);
	});

	it('says so when there is no code or reason', () => {
		const error = failedSendError(node, { status: 'failed', error: '' }, 0);
		expect(error.message).toBe('Message not sent: no reason given');
		expect(error.description).toMatch(/^Fix the request and send again\./);
	});
});

describe('Meta send error codes of the newer API', () => {
	it.each([
		10, 100, 190, 200, 368, 551, 803, 131026, 131047, 131051, 131052, 131053, 131057, 133010,
	])('code %i has its fix, in the description and in the message', (code) => {
		expect(metaErrorFix(code)).toEqual(expect.any(String));
		const error = failedSendError(node, { success: false, error_code: code, error: 'Refused' }, 0);
		const bare = `Message not sent (Meta error ${code}): Refused`;
		expect(error.message.startsWith(`${bare}.`)).toBe(true);
		expect(error.message.length).toBeGreaterThan(bare.length + 20);
		expect(error.description).toContain(metaErrorFix(code));
	});

	it('131047 and 131057 are no longer one entry: maintenance is not a closed window', () => {
		expect(metaErrorFix(131047)).toMatch(/24-hour customer service window is closed/);
		expect(metaErrorFix(131057)).toMatch(/maintenance/);
		expect(metaErrorFix(12345)).toBeUndefined();
	});
});
