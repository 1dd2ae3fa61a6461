'use strict';
// Control interface under /_sandbox/ (no API key, loopback only): simulate events, inject faults, inspect.
const { HttpError } = require('./util');
const { parseJsonBody } = require('./validate');
const { IDS, defaultFaults } = require('./state');

const OAUTH_ERRORS = ['access_denied', 'slot_occupied', 'session_expired', 'setup_failed'];
const SETUP_URL_ERRORS = ['no_active_subscription', 'no_free_slot'];

function createControl(ctx) {
	const state = () => ctx.getState();

	function channelById(id) {
		const ch = state().channels.get(id);
		if (!ch) throw new HttpError(404, `Channel not found: ${id}`);
		return ch;
	}

	async function awaitDelivery(d, wait) {
		if (wait === 'none') return null;
		return wait === 'all' ? d.all : d.first;
	}

	function setFaults(b) {
		const f = state().faults;
		if (b.clear) Object.assign(f, defaultFaults());
		if (b.next429 !== undefined) f.next429 = Number(b.next429) || 0;
		if (b.next503 !== undefined) f.next503 = Number(b.next503) || 0;
		if (b.retryAfter !== undefined) f.retryAfter = Number(b.retryAfter);
		if (b.slowMs !== undefined) f.slowMs = Number(b.slowMs) || 0;
		if (b.transientNextSend !== undefined)
			f.transientNextSend = b.transientNextSend === true ? 1 : Number(b.transientNextSend) || 0;
		if (b.failNextSend) {
			const spec = b.failNextSend === true ? {} : b.failNextSend;
			for (let i = 0; i < (spec.count || 1); i++) {
				f.failNextSend.push({
					error_code: spec.error_code,
					error: spec.error,
					async: Boolean(spec.async),
					recipient: spec.recipient || null,
				});
			}
		}
		if (b.setupUrlError !== undefined) {
			if (b.setupUrlError !== null && !SETUP_URL_ERRORS.includes(b.setupUrlError))
				throw new HttpError(
					400,
					`setupUrlError must be null or one of ${SETUP_URL_ERRORS.join(', ')}`,
				);
			f.setupUrlError = b.setupUrlError;
		}
		if (b.oauthError !== undefined)
			f.oauthError = b.oauthError === null ? null : oauthError(b.oauthError);
		return { ...f, failNextSend: f.failNextSend.length };
	}

	function oauthError(spec) {
		const e = typeof spec === 'string' ? { error: spec } : spec || {};
		if (!OAUTH_ERRORS.includes(e.error))
			throw new HttpError(
				400,
				`oauthError must be one of ${OAUTH_ERRORS.join(', ')} (or {error, message})`,
			);
		return { error: e.error, message: e.message };
	}

	const handlers = {
		'GET /_sandbox': () => ({
			api_base: `${ctx.baseUrl()}/api/v1`,
			channels: {
				whatsapp: IDS.whatsapp,
				instagram: IDS.instagram,
				facebook: IDS.facebook,
				whatsapp_inactive: IDS.whatsappInactive,
			},
			templates: IDS.templates,
			redirect: IDS.redirect,
			subscriptions: IDS.subscriptions,
			test_users: IDS.users,
			endpoints: Object.keys(handlers),
		}),
		'POST /_sandbox/inbound': async (b) => {
			return ctx.messaging.inboundAndWait(channelById(b.channel_id), b);
		},
		'POST /_sandbox/echo': async (b) => {
			const d = ctx.echoes.emit(channelById(b.channel_id), b);
			return { event: d.payload, delivery: await awaitDelivery(d, b.wait) };
		},
		'GET /_sandbox/echoes': () => ({ echoes: state().echoes, total: state().echoes.length }),
		'GET /_sandbox/subscriptions': () => ({ subscriptions: ctx.subs.all() }),
		'POST /_sandbox/subscription': (b) => ctx.subs.upsert(b),
		'GET /_sandbox/channels': () => ({
			channels: [...state().channels.values()].map((c) => ({
				...ctx.api.channelOut(c),
				echo_statuses: Boolean(c.echo_statuses),
			})),
		}),
		'POST /_sandbox/status': async (b) => {
			const ch = channelById(b.channel_id);
			const d = ctx.messaging.status(ch, b);
			return { event: d.payload, delivery: await awaitDelivery(d, b.wait) };
		},
		'GET /_sandbox/faults': () => setFaults({}),
		'POST /_sandbox/faults': (b) => setFaults(b),
		'GET /_sandbox/messages': (b, q) => {
			const cid = q.get('channel_id');
			const messages = state().messages.filter((m) => !cid || m.channel_id === cid);
			return { messages, total: messages.length };
		},
		'GET /_sandbox/deliveries': (b, q) => {
			const ev = q.get('event');
			const deliveries = state().deliveries.filter((d) => !ev || d.event === ev);
			return { deliveries, total: deliveries.length };
		},
		'GET /_sandbox/events': () => ({ events: state().events, total: state().events.length }),
		'GET /_sandbox/requests': () => ({
			requests: state().requests,
			total: state().requests.length,
		}),
		'POST /_sandbox/reset': () => {
			ctx.reset();
			return { reset: true };
		},
		'POST /_sandbox/expire-media': (b) => {
			const m = state().media.get(b.media_id);
			if (!m) throw new HttpError(404, 'Media not found');
			m.expired = true;
			return { media_id: m.id, expired: true };
		},
		'POST /_sandbox/approve-template': (b) => {
			const t = state().templates.get(b.template_id);
			if (!t) throw new HttpError(404, 'Template not found');
			const status = b.status || 'APPROVED';
			if (!['APPROVED', 'REJECTED', 'PENDING', 'PAUSED'].includes(status))
				throw new HttpError(400, 'status must be APPROVED, REJECTED, PENDING or PAUSED');
			t.status = status;
			return { template_id: t.id, name: t.name, status };
		},
		'POST /_sandbox/oauth/complete': (b) => {
			if (b.error !== undefined && !OAUTH_ERRORS.includes(b.error))
				throw new HttpError(400, `error must be one of ${OAUTH_ERRORS.join(', ')}`);
			return ctx.oauth.complete(b.session_id, {
				cancel: b.cancel,
				error: b.error,
				message: b.message,
			});
		},
		'POST /_sandbox/clock': (b) => {
			ctx.clock.advance(Number(b.advance_ms) || 0);
			return { now: new Date(ctx.clock.now()).toISOString(), offset_ms: ctx.clock.offset() };
		},
		'POST /_sandbox/channel': (b) => {
			const ch = channelById(b.channel_id);
			if (b.is_active !== undefined) ch.is_active = Boolean(b.is_active);
			if (b.subscription) {
				if (!ch.subscription)
					throw new HttpError(
						400,
						'The channel holds no subscription slot: bind it with PATCH subscription_id first',
					);
				// Changes the subscription record, so every channel on it sees the change.
				const { id, account, ...fields } = b.subscription;
				Object.assign(ch.subscription, fields);
			}
			return ctx.api.channelOut(ch);
		},
		'POST /_sandbox/idle': async (b) => ({
			idle: await ctx.sched.idle(Number(b.timeout_ms) || 10000),
		}),
	};

	async function handle(req, url, rawBody) {
		const path = url.pathname.replace(/\/+$/, '');
		const h = handlers[`${req.method} ${path}`];
		if (!h) throw new HttpError(404, `Unknown control endpoint ${req.method} ${path}`);
		const body = req.method === 'POST' ? (rawBody.length ? parseJsonBody(rawBody) : {}) : {};
		return { status: 200, body: await h(body, url.searchParams) };
	}

	return { handle, setFaults };
}

module.exports = { createControl };
