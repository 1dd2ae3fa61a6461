'use strict';
// `message.echo`: a copy of a message the business sent outside Fiwano (WhatsApp Business app, Meta inbox).
// Delivered only to channels listing `message.echo` in webhook_events; with the channel's `echo_statuses`
// on, delivered/read statuses follow for the echo's message_id (Instagram: read only).
const { HttpError, uuid, isoZ } = require('./util');
const { IDS } = require('./state');
const { KINDS } = require('./media');

const ECHO_STATUSES = {
	whatsapp: ['delivered', 'read'],
	instagram: ['read'],
	facebook: ['delivered', 'read'],
};

function echoType(channel, input) {
	if (input.media) {
		const kind = input.media.kind || 'image';
		if (!KINDS.includes(kind))
			throw new HttpError(400, `media.kind must be one of ${KINDS.join(', ')}`);
		if (kind === 'sticker' && channel.channel_type !== 'whatsapp')
			throw new HttpError(400, 'Sticker echoes exist on WhatsApp only');
		return kind === 'voice' ? 'audio' : kind;
	}
	if (input.type === 'unsupported' || input.unsupported_type) return 'unsupported';
	if (typeof input.text !== 'string')
		throw new HttpError(400, 'Provide text, media: {kind} or type: "unsupported"');
	return 'text';
}

function createEchoes(ctx) {
	/** Builds and delivers one echo; returns the webhook sender's `{ payload, first, all }`. */
	function emit(channel, input) {
		const type = echoType(channel, input);
		const recipient = input.recipient || IDS.users[channel.channel_type];
		const data = { message_id: input.message_id || uuid(), recipient, status: 'sent', type };
		if (type === 'text') data.text = input.text;
		if (type !== 'text' && type !== 'unsupported') {
			if (input.caption !== undefined) data.caption = input.caption;
			data.media = { download_url: null, unavailable: 'echo_media_not_supported' };
		}
		const rec = {
			message_id: data.message_id,
			kind: 'echo',
			channel_id: channel.id,
			channel_type: channel.channel_type,
			recipient,
			data,
			status: 'sent',
			statuses: [],
			at: isoZ(ctx.clock.now()),
		};
		rec.statuses.push({ status: 'sent', at: rec.at });
		ctx.getState().echoes.push(rec);
		const d = ctx.webhooks.deliver(channel, 'message.echo', data);
		if (channel.echo_statuses && ctx.options.autoStatus !== false) scheduleStatuses(channel, rec);
		return d;
	}

	function scheduleStatuses(channel, rec) {
		const delays = ctx.messaging.statusDelays();
		for (const s of ECHO_STATUSES[channel.channel_type]) {
			ctx.sched.later(delays[s], () =>
				rec.status === 'failed' ? undefined : ctx.messaging.setStatus(channel, rec, s).all,
			);
		}
	}

	return { emit };
}

module.exports = { createEchoes, ECHO_STATUSES };
