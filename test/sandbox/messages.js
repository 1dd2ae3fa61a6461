'use strict';
// Outbound send flow (faults, recording, status webhooks) and inbound/status simulation.
const crypto = require('crypto');
const { HttpError, uuid, isoZ, hex } = require('./util');
const { DEFAULTS, KINDS } = require('./media');
const { SEND_ERRORS } = require('./sendrules');

const STATUS_SEQUENCE = {
	whatsapp: ['sent', 'delivered', 'read'],
	instagram: ['delivered', 'read'],
	facebook: ['delivered', 'read'],
};

function statusDelays(options) {
	const d = options.statusDelaysMs;
	if (typeof d === 'number') return { sent: d, delivered: d, read: d };
	return { sent: 50, delivered: 120, read: 200, ...(d || {}) };
}

function createMessaging(ctx) {
	const fire = (channel, event, data) =>
		ctx.sched.track(ctx.webhooks.deliver(channel, event, data).all);

	function setStatus(channel, rec, status, extra) {
		if (rec) {
			rec.status = status;
			rec.statuses.push({ status, at: isoZ(ctx.clock.now()) });
		}
		const data = {
			message_id: rec ? rec.message_id : extra.message_id,
			status,
			recipient: rec ? rec.recipient : extra.recipient,
		};
		if (status === 'failed') {
			data.error = extra.error;
			data.errors = [{ code: extra.error_code, title: extra.error }];
		}
		return ctx.webhooks.deliver(channel, `message.${status}`, data);
	}

	function scheduleStatuses(channel, rec) {
		if (ctx.options.autoStatus === false) return;
		const delays = statusDelays(ctx.options);
		for (const s of STATUS_SEQUENCE[channel.channel_type]) {
			ctx.sched.later(delays[s], () => {
				if (rec.status === 'failed') return undefined;
				return setStatus(channel, rec, s).all;
			});
		}
	}

	/** Records an accepted send and returns the SendMessageResponse body. */
	function send(channel, kind, request) {
		const state = ctx.getState();
		const f = state.faults;
		const rec = {
			message_id: uuid(),
			kind,
			channel_id: channel.id,
			channel_type: channel.channel_type,
			recipient: request.recipient,
			request,
			status: 'sent',
			statuses: [],
			at: isoZ(ctx.clock.now()),
		};
		state.messages.push(rec);
		// The first queued failure meant for this recipient (or for any recipient) applies.
		const faultAt = f.failNextSend.findIndex(
			(x) => !x.recipient || x.recipient === request.recipient,
		);
		if (faultAt >= 0) {
			const [fault] = f.failNextSend.splice(faultAt, 1);
			const errorCode = fault.error_code === undefined ? 131047 : fault.error_code;
			const error =
				fault.error || SEND_ERRORS[errorCode] || `Send failed (Meta error ${errorCode})`;
			if (fault.async) {
				rec.statuses.push({ status: 'sent', at: rec.at });
				ctx.sched.later(statusDelays(ctx.options).sent, () => {
					if (channel.channel_type === 'whatsapp')
						return setStatus(channel, rec, 'failed', { error, error_code: errorCode }).all;
					rec.status = 'failed';
					return undefined;
				});
				return {
					success: true,
					message_id: rec.message_id,
					error: null,
					error_code: null,
					status: 'sent',
				};
			}
			rec.status = 'failed';
			rec.error = error;
			rec.error_code = errorCode;
			rec.statuses.push({ status: 'failed', at: rec.at });
			if (channel.channel_type === 'whatsapp')
				ctx.sched.later(
					0,
					() => setStatus(channel, rec, 'failed', { error, error_code: errorCode }).all,
				);
			return {
				success: false,
				message_id: rec.message_id,
				error,
				error_code: errorCode,
				status: 'failed',
			};
		}
		if (f.transientNextSend > 0) {
			f.transientNextSend--;
			rec.status = 'queued';
			rec.statuses.push({ status: 'queued', at: rec.at });
			ctx.sched.later(
				ctx.options.queuedRetryMs === undefined ? 200 : ctx.options.queuedRetryMs,
				() => {
					rec.status = 'sent';
					rec.statuses.push({ status: 'sent', at: isoZ(ctx.clock.now()) });
					scheduleStatuses(channel, rec);
				},
			);
			return {
				success: true,
				message_id: rec.message_id,
				error: null,
				error_code: null,
				status: 'queued',
			};
		}
		rec.statuses.push({ status: 'sent', at: rec.at });
		scheduleStatuses(channel, rec);
		return {
			success: true,
			message_id: rec.message_id,
			error: null,
			error_code: null,
			status: 'sent',
		};
	}

	/** Simulate an inbound message: builds the per-channel `message.received` data and delivers it. */
	function inbound(channel, input) {
		return ctx.webhooks.deliver(
			channel,
			'message.received',
			receivedData(channel, input, input.media),
		);
	}

	/**
	 * Album (`media` an array, or `album: n` copies of one `media`): one `message.received` per attachment,
	 * delivered in order; the first keeps the message id, later ones get `.2`, `.3`…; caption on the first only.
	 */
	async function album(channel, input) {
		const parts = Array.isArray(input.media)
			? input.media
			: Array.from({ length: Number(input.album) }, () => input.media);
		if (parts.length < 1 || parts.some((m) => !m || typeof m !== 'object'))
			throw new HttpError(
				400,
				'An album needs media objects (media: [{kind}, …] or album: n with media: {kind})',
			);
		const base = input.message_id || newMessageId(channel);
		const datas = parts.map((m, i) =>
			receivedData(
				channel,
				{
					...input,
					message_id: i === 0 ? base : `${base}.${i + 1}`,
					caption: i === 0 ? input.caption : undefined,
				},
				m,
			),
		);
		const out = [];
		for (const data of datas) {
			const d = ctx.webhooks.deliver(channel, 'message.received', data);
			out.push({ d, first: await d.first });
		}
		return out;
	}

	/** inbound or album, then wait as `input.wait` says: resolves `{ event, delivery, events?, deliveries? }`. */
	async function inboundAndWait(channel, input) {
		const wait = (d, first) =>
			input.wait === 'none' ? null : input.wait === 'all' ? d.all : first || d.first;
		if (Array.isArray(input.media) || Number(input.album) > 1) {
			const parts = await album(channel, input);
			const deliveries = await Promise.all(parts.map((p) => wait(p.d, p.first)));
			return {
				event: parts[0].d.payload,
				delivery: deliveries[0],
				events: parts.map((p) => p.d.payload),
				deliveries,
			};
		}
		const d = inbound(channel, input);
		return { event: d.payload, delivery: await wait(d) };
	}

	const newMessageId = (channel) =>
		channel.channel_type === 'whatsapp' ? `wamid.${hex(16)}` : `mid.${hex(16)}`;

	function receivedData(channel, input, media) {
		const state = ctx.getState();
		if (!input || typeof input.from !== 'string' || !input.from)
			throw new HttpError(400, 'from is required (phone number, IGSID or PSID)');
		const wa = channel.channel_type === 'whatsapp';
		const data = {
			message_id: input.message_id || newMessageId(channel),
			from: input.from,
			from_name: wa ? (input.from_name === undefined ? 'Sandbox User' : input.from_name) : null,
		};
		if (media) {
			const m = media;
			const kind = m.kind || 'image';
			if (!KINDS.includes(kind))
				throw new HttpError(400, `media.kind must be one of ${KINDS.join(', ')}`);
			const type = kind === 'voice' ? 'audio' : kind === 'document' && !wa ? 'file' : kind;
			const pro = channel.subscription && channel.subscription.tier === 'pro';
			if (!pro) {
				Object.assign(data, {
					type: 'unsupported',
					unsupported_type: type,
					upgrade_required: 'pro',
				});
			} else {
				const def = DEFAULTS[kind];
				const bytes = m.base64 ? Buffer.from(m.base64, 'base64') : def.bytes();
				const id = `m${hex(8)}`.slice(0, 16);
				const ttl = ctx.options.mediaTtlMs === undefined ? 60 * 60 * 1000 : ctx.options.mediaTtlMs;
				const expiresMs = ctx.clock.now() + ttl;
				const mime = m.mime_type || def.mime_type;
				const filename =
					m.filename !== undefined ? m.filename : kind === 'document' ? def.filename : null;
				state.media.set(id, {
					id,
					account: channel.account,
					channel_id: channel.id,
					bytes,
					mime_type: mime,
					filename,
					expires_ms: expiresMs,
					expired: false,
				});
				data.type = type;
				if (input.caption !== undefined) data.caption = input.caption;
				data.media = {
					media_id: id,
					kind,
					mime_type: mime,
					file_size: bytes.length,
					filename,
					sha256: wa ? crypto.createHash('sha256').update(bytes).digest('hex') : null,
					duration_ms: m.duration_ms !== undefined ? m.duration_ms : def.duration_ms || null,
					download_url: `${ctx.baseUrl()}/api/v1/media/${id}`,
					expires_at: isoZ(expiresMs),
				};
			}
		} else if (input.unsupported_type) {
			Object.assign(data, { type: 'unsupported', unsupported_type: input.unsupported_type });
		} else {
			if (typeof input.text !== 'string')
				throw new HttpError(400, 'Provide text, media or unsupported_type');
			Object.assign(data, { type: 'text', text: input.text });
		}
		return data;
	}

	/** Simulate a status event for an outbound message (known or not). */
	function status(channel, input) {
		const allowed = STATUS_SEQUENCE[channel.channel_type].concat(
			channel.channel_type === 'whatsapp' ? ['failed'] : [],
		);
		if (!allowed.includes(input.status))
			throw new HttpError(
				400,
				`status must be one of ${allowed.join(', ')} for ${channel.channel_type}`,
			);
		const st = ctx.getState();
		const rec = [...st.messages, ...st.echoes].find(
			(m) => m.message_id === input.message_id && m.channel_id === channel.id,
		);
		if (!rec && !(input.message_id && input.recipient))
			throw new HttpError(400, 'Unknown message_id: give message_id and recipient');
		return setStatus(channel, rec, input.status, {
			message_id: input.message_id,
			recipient: input.recipient,
			error: input.error || 'Message undeliverable',
			error_code: input.error_code || 131047,
		});
	}

	return {
		send,
		inbound,
		album,
		inboundAndWait,
		status,
		setStatus,
		statusDelays: () => statusDelays(ctx.options),
		fire,
	};
}

module.exports = { createMessaging, STATUS_SEQUENCE };
