'use strict';
// Programmatic channel connection: setup URL sessions (10 min), OAuth completion, single-use codes (5 min).
const { HttpError, hex, isoNaive, wildcardMatch } = require('./util');

const ERROR_MESSAGES = {
	slot_occupied: (s, holder) =>
		`This slot belongs to channel ${holder || 'another channel'}: connect the same Meta account it uses, or release the slot first.`,
	session_expired: () =>
		'The setup session expired (setup URLs are valid for 10 minutes). Generate a new setup URL.',
	setup_failed: () => 'Channel setup failed. Try again with a new setup URL.',
};
const NAMES = {
	whatsapp: 'New WhatsApp Business',
	instagram: 'new.instagram.account',
	facebook: 'New Facebook Page',
};

function createOAuth(ctx) {
	const ttl = (name, dflt) => (ctx.options[name] === undefined ? dflt : ctx.options[name]);

	function createSession(account, channelType, redirectUri) {
		const state = ctx.getState();
		const allowed = [...state.redirects.values()].filter((r) => r.account === account);
		if (!allowed.some((r) => wildcardMatch(r.uri_pattern, redirectUri))) {
			throw new HttpError(
				400,
				`redirect_uri is not in the allowed redirect URIs for this API key. Add it first via POST /api/v1/redirects.`,
			);
		}
		ctx.subs.checkCanConnect(account, channelType);
		const id = hex(8);
		const expiresMs = ctx.clock.now() + ttl('setupUrlTtlMs', 10 * 60 * 1000);
		state.sessions.set(id, {
			id,
			account,
			channel_type: channelType,
			redirect_uri: redirectUri,
			expires_ms: expiresMs,
			completed: false,
		});
		return {
			setup_url: `${ctx.baseUrl()}/setup/start?session=${id}`,
			session_id: id,
			expires_at: isoNaive(expiresMs),
		};
	}

	/**
	 * Simulates the user finishing Meta OAuth. Returns `{ redirect_url, code, channel_id, error? }`. It ends with
	 * `error` (and `message`, except a plain access_denied) instead of `code` when asked (`cancel`, `error`, the
	 * one-shot `oauthError` fault), when no slot is free any more, or — in the browser — when the session expired.
	 */
	function complete(sessionId, { cancel, error, message, browser } = {}) {
		const state = ctx.getState();
		const s = state.sessions.get(sessionId);
		if (!s) throw new HttpError(404, 'Setup session not found');
		const fail = (err, msg) => failRedirect(s, err, msg);
		if (ctx.clock.now() >= s.expires_ms) {
			if (browser) return fail('session_expired');
			throw new HttpError(410, 'Setup session expired (setup URLs are valid for 10 minutes)');
		}
		if (s.completed) throw new HttpError(400, 'Setup session already completed');
		s.completed = true;
		const forced = state.faults.oauthError;
		state.faults.oauthError = null;
		if (cancel) return fail('access_denied', message);
		if (error) return fail(error, message);
		if (forced) return fail(forced.error, forced.message);
		const channel = newChannel(s.account, s.channel_type);
		if (!ctx.subs.assignFreeSlot(channel))
			return fail('setup_failed', `No free ${s.channel_type} slot is left on this account.`);
		state.channels.set(channel.id, channel);
		const code = hex(16);
		state.codes.set(code, {
			code,
			account: s.account,
			channel_id: channel.id,
			expires_ms: ctx.clock.now() + ttl('codeTtlMs', 5 * 60 * 1000),
			used: false,
		});
		return { redirect_url: `${s.redirect_uri}${sep(s)}code=${code}`, code, channel_id: channel.id };
	}

	function failRedirect(s, error, message) {
		const holder =
			error === 'slot_occupied' ? ctx.subs.occupiedBy(s.account, s.channel_type)[0] : undefined;
		const text =
			message !== undefined
				? message
				: ERROR_MESSAGES[error]
					? ERROR_MESSAGES[error](s, holder)
					: undefined;
		const query = new URLSearchParams({ error });
		if (text) query.set('message', text);
		return {
			redirect_url: `${s.redirect_uri}${sep(s)}${query}`,
			code: null,
			channel_id: null,
			error,
		};
	}

	const sep = (s) => (s.redirect_uri.includes('?') ? '&' : '?');

	function newChannel(account, type) {
		const now = ctx.clock.now();
		const num = String(now).slice(-9);
		const ch = {
			id: hex(8),
			account,
			channel_type: type,
			name: NAMES[type],
			is_active: true,
			phone_number_id: type === 'whatsapp' ? `1065${num}` : null,
			phone_number: type === 'whatsapp' ? `+1555${num.slice(-7)}` : null,
			waba_id: type === 'whatsapp' ? `1022${num}` : null,
			quality_rating: type === 'whatsapp' ? 'GREEN' : null,
			ig_account_id: type === 'instagram' ? `178414${num}` : null,
			ig_username: type === 'instagram' ? NAMES.instagram : null,
			page_id: type === 'whatsapp' ? null : `1048${num}`,
			webhook_url: null,
			webhook_secret: null,
			webhook_events: [],
			connected_at: isoNaive(now),
			created_at: isoNaive(now),
			token_expires_at: isoNaive(now + 60 * 24 * 3600 * 1000),
			subscription: null,
			echo_statuses: false,
		};
		return ch;
	}

	/** Consumes a code (single use). Throws 400 for unknown, used, expired or another key's codes. */
	function consume(account, code) {
		const c = ctx.getState().codes.get(code);
		if (!c || c.account !== account || c.used || ctx.clock.now() >= c.expires_ms) {
			throw new HttpError(
				400,
				'Invalid or expired code. Codes are single-use and expire after 5 minutes.',
			);
		}
		return c;
	}

	return { createSession, complete, consume };
}

module.exports = { createOAuth };
