'use strict';
// Send-time checks with structured error details, and the Meta send error codes the API passes on.
const { HttpError, verr } = require('./util');

/** Default `error` text per Meta code for injected send failures (POST /_sandbox/faults failNextSend). */
const SEND_ERRORS = {
	10: 'Application does not have permission for this action',
	100: 'Invalid parameter',
	190: 'Error validating access token: the session has been invalidated',
	200: 'Permissions error',
	368: 'Temporarily blocked for policies violations',
	551: "This person isn't available right now",
	803: 'Some of the aliases you requested do not exist',
	131026: 'Message undeliverable',
	131047:
		'Message failed to send because more than 24 hours have passed since the customer last replied to this number.',
	131051: 'Unsupported message type',
	131052: 'Media download error',
	131053: 'Media upload error',
	131057: 'Account in maintenance mode',
	133010: 'Account not registered',
};

const digitsOf = (s) => String(s || '').replace(/\D/g, '');

function invalidRecipient(message, hint) {
	return new HttpError(400, { code: 'invalid_recipient', message, hint });
}

/** 400 invalid_recipient (empty, no digits, non-numeric PSID/IGSID) and recipient_equals_sender (WhatsApp). */
function checkRecipient(channel, recipient) {
	const r = recipient.trim();
	const idName = channel.channel_type === 'instagram' ? 'IGSID' : 'PSID';
	if (!r)
		throw invalidRecipient(
			'Recipient is empty.',
			"Pass the customer's phone number (WhatsApp) or the sender id from the webhook (Instagram/Facebook).",
		);
	if (!/\d/.test(r))
		throw invalidRecipient(
			`Recipient '${r}' contains no digits.`,
			'Use the phone number in international format, or the numeric sender id from data.from.',
		);
	if (channel.channel_type !== 'whatsapp' && !/^\d+$/.test(r)) {
		throw invalidRecipient(
			`Recipient '${r}' is not a numeric ${idName}.`,
			`Use data.from of a ${channel.channel_type} message.received webhook (a numeric ${idName}), not a username.`,
		);
	}
	if (channel.channel_type === 'whatsapp' && digitsOf(r) === digitsOf(channel.phone_number)) {
		throw new HttpError(400, {
			code: 'recipient_equals_sender',
			message: `Recipient ${r} is this channel's own WhatsApp number.`,
			hint: "Send to the customer's number (data.from of the incoming message), not to the business number.",
		});
	}
}

/** 422 for empty or whitespace-only text, as the API's body validation does. */
function blankTextErrors(body) {
	if (typeof body.text === 'string' && !body.text.trim()) {
		return [
			verr('text', 'Value error, text must not be empty or whitespace', 'value_error', body.text),
		];
	}
	return [];
}

module.exports = { SEND_ERRORS, checkRecipient, blankTextErrors };
