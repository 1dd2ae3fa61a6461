'use strict';
// Local Fiwano sandbox: an HTTP server on 127.0.0.1 emulating the Fiwano API contract (../shared/fiwano).
// Plain Node.js, no dependencies. See README.md for the control interface and seeded IDs.
const http = require('http');
const { setTimeout: delay } = require('timers/promises');
const { HttpError, isLoopbackHost } = require('./util');
const { createState, IDS, EVENTS_BY_TYPE, DEFAULT_API_KEY } = require('./state');
const { createRateLimiter, rateOption } = require('./ratelimit');
const { createSubscriptions } = require('./subscriptions');
const { createEchoes } = require('./echo');
const { createScheduler } = require('./scheduler');
const { createWebhookSender, sign } = require('./webhooks');
const { createMessaging } = require('./messages');
const { createOAuth } = require('./oauth');
const { createApi } = require('./api');
const { createControl } = require('./control');

const MAX_BODY = 20 * 1024 * 1024;
const OAUTH_ERRORS = ['access_denied', 'slot_occupied', 'session_expired', 'setup_failed'];

/** Send pacing is off unless the option or FIWANO_SANDBOX_SEND_PACING sets it (`true` = 10 per second). */
function sendPacing(option) {
	const env = process.env.FIWANO_SANDBOX_SEND_PACING;
	if (option === undefined && !env) return null;
	if (option === false) return null;
	const rate = rateOption(option, env, { limit: 10, windowMs: 1000 });
	return { ...rate, status: option && option.status === 503 ? 503 : 429 };
}

/**
 * @param {object} [options] see README.md (apiKey, extraApiKeys, rateLimit, sendPacing, statusDelaysMs, autoStatus,
 *   webhook, allowExternalWebhooks, webhookUrlRules, mediaTtlMs, setupUrlTtlMs, codeTtlMs, queuedRetryMs,
 *   templateReviewMs, webhookUrl, webhookEvents, webhookSecret, logger, now)
 */
function createSandbox(options = {}) {
	const opts = { ...options };
	if (opts.webhookUrlRules === undefined)
		opts.webhookUrlRules = process.env.FIWANO_SANDBOX_WEBHOOK_URL_RULES || 'local';
	if (!['local', 'production'].includes(opts.webhookUrlRules))
		throw new Error(`webhookUrlRules must be 'local' or 'production'`);
	let offset = 0;
	const baseNow = opts.now || (() => Date.now());
	const clock = {
		now: () => baseNow() + offset,
		advance: (ms) => (offset += ms),
		offset: () => offset,
	};
	const sched = createScheduler();
	let state = createState(opts, clock);
	let baseUrl = null;
	let server = null;
	const log = typeof opts.logger === 'function' ? opts.logger : null;

	const ctx = {
		options: opts,
		clock,
		sched,
		log,
		getState: () => state,
		baseUrl: () => opts.publicBaseUrl || baseUrl || 'http://127.0.0.1',
		reset() {
			sched.cancelAll();
			state = createState(opts, clock);
			ctx.rate.reset();
			if (ctx.pacer) ctx.pacer.reset();
		},
	};
	ctx.rate = createRateLimiter(
		rateOption(opts.rateLimit, process.env.FIWANO_SANDBOX_RATE_LIMIT, {
			limit: 100,
			windowMs: 60000,
		}),
		clock,
	);
	const pacing = sendPacing(opts.sendPacing);
	ctx.pacer = pacing ? createRateLimiter(pacing, clock) : null;
	ctx.pacingStatus = pacing ? pacing.status : 429;
	ctx.subs = createSubscriptions(ctx);
	ctx.webhooks = createWebhookSender(ctx);
	ctx.messaging = createMessaging(ctx);
	ctx.echoes = createEchoes(ctx);
	ctx.oauth = createOAuth(ctx);
	ctx.api = createApi(ctx);
	ctx.control = createControl(ctx);

	function send(res, status, body, headers = {}) {
		if (Buffer.isBuffer(body)) {
			res.writeHead(status, headers);
			res.end(body);
			return;
		}
		const data = Buffer.from(JSON.stringify(body));
		res.writeHead(status, {
			'Content-Type': 'application/json',
			'Content-Length': data.length,
			...headers,
		});
		res.end(data);
	}

	async function handleApi(req, url, raw) {
		const key = req.headers['x-api-key'];
		const account = typeof key === 'string' ? state.keys.get(key) : undefined;
		if (!account)
			throw new HttpError(
				401,
				key ? 'Invalid API key' : 'Missing API key. Send it in the X-API-Key header.',
			);
		const f = state.faults;
		if (f.slowMs > 0) await delay(f.slowMs);
		if (f.next503 > 0) {
			f.next503--;
			throw new HttpError(503, 'Service temporarily unavailable', {
				'Retry-After': String(f.retryAfter),
			});
		}
		if (f.next429 > 0) {
			f.next429--;
			throw new HttpError(429, 'Rate limit exceeded: 100 per 1 minute', {
				'Retry-After': String(f.retryAfter),
			});
		}
		const r = ctx.rate.hit(key);
		if (!r.ok) {
			throw new HttpError(
				429,
				`Rate limit exceeded: ${ctx.rate.limit} per ${ctx.rate.windowMs / 1000} seconds`,
				{ 'Retry-After': String(r.retryAfter) },
			);
		}
		const out = ctx.api.dispatch(req, url, raw, account);
		out.headers = {
			...(out.headers || {}),
			'X-RateLimit-Limit': String(ctx.rate.limit),
			'X-RateLimit-Remaining': String(r.remaining),
		};
		return out;
	}

	/** The browser end of the setup URL: `&cancel=1` or `&error=<one of OAUTH_ERRORS>` end it with that error. */
	function handleSetupStart(url) {
		const session = url.searchParams.get('session') || '';
		const asked = url.searchParams.get('error');
		const error =
			url.searchParams.get('cancel') === '1'
				? 'access_denied'
				: OAUTH_ERRORS.includes(asked)
					? asked
					: undefined;
		const out = ctx.oauth.complete(session, {
			error,
			message: url.searchParams.get('message') || undefined,
			browser: true,
		});
		return { status: 302, raw: Buffer.from(''), headers: { Location: out.redirect_url } };
	}

	async function route(req, url, raw) {
		const p = url.pathname;
		if (p === '/_sandbox' || p.startsWith('/_sandbox/')) {
			if (!isLoopbackHost(req.socket.remoteAddress))
				throw new HttpError(403, 'Control interface is loopback-only');
			return ctx.control.handle(req, url, raw);
		}
		if (p === '/setup/start' && req.method === 'GET') return handleSetupStart(url);
		if (p.startsWith('/api/v1/') || p === '/api/v1') return handleApi(req, url, raw);
		if (p === '/' && req.method === 'GET')
			return {
				status: 200,
				body: {
					service: 'fiwano-sandbox',
					api_base: `${ctx.baseUrl()}/api/v1`,
					control: `${ctx.baseUrl()}/_sandbox`,
				},
			};
		throw new HttpError(404, 'Not Found');
	}

	function onRequest(req, res) {
		const started = Date.now();
		const chunks = [];
		let size = 0;
		req.on('data', (c) => {
			size += c.length;
			if (size <= MAX_BODY) chunks.push(c);
		});
		req.on('end', async () => {
			const url = new URL(req.url, 'http://127.0.0.1');
			let out;
			try {
				if (size > MAX_BODY) throw new HttpError(413, 'Request body too large');
				out = await route(req, url, Buffer.concat(chunks));
			} catch (e) {
				if (e instanceof HttpError)
					out = { status: e.status, body: { detail: e.detail }, headers: e.headers };
				else {
					out = { status: 500, body: { detail: 'Internal Server Error' } };
					if (log) log(`sandbox error: ${e && e.stack}`);
				}
			}
			send(res, out.status, out.raw !== undefined ? out.raw : out.body, out.headers);
			if (url.pathname.startsWith('/api/v1') || url.pathname === '/setup/start') {
				const client = req.headers['x-fiwano-client'];
				const entry = {
					at: new Date().toISOString(),
					method: req.method,
					path: url.pathname + url.search,
					status: out.status,
					duration_ms: Date.now() - started,
					client: typeof client === 'string' ? client : null,
				};
				state.requests.push(entry);
				if (log) log(`${entry.method} ${entry.path} ${entry.status} ${entry.duration_ms}ms`);
			}
		});
	}

	const sandbox = {
		ids: IDS,
		eventsByType: EVENTS_BY_TYPE,
		get apiKey() {
			return state.apiKey;
		},
		get state() {
			return state;
		},
		get url() {
			return baseUrl;
		},
		start(port = 0) {
			sched.start();
			return new Promise((resolve, reject) => {
				server = http.createServer(onRequest);
				server.keepAliveTimeout = 1000;
				server.once('error', reject);
				server.listen(port, '127.0.0.1', () => {
					baseUrl = `http://127.0.0.1:${server.address().port}`;
					resolve({ url: baseUrl, port: server.address().port });
				});
			});
		},
		stop() {
			sched.stop();
			if (!server) return Promise.resolve();
			const s = server;
			server = null;
			return new Promise((resolve) => {
				s.close(() => resolve());
				if (typeof s.closeAllConnections === 'function') s.closeAllConnections();
			});
		},
		reset: () => ctx.reset(),
		whenIdle: (timeoutMs) => sched.idle(timeoutMs),
		advanceClock: (ms) => clock.advance(ms),
		setFaults: (f) => ctx.control.setFaults(f),
		/** Same as POST /_sandbox/inbound; resolves with `{ event, delivery }` (delivery after the first attempt). */
		async inbound(input) {
			const ch = state.channels.get(input.channel_id);
			if (!ch) throw new HttpError(404, `Channel not found: ${input.channel_id}`);
			return ctx.messaging.inboundAndWait(ch, input);
		},
		/** Same as POST /_sandbox/echo: a `message.echo` of a message the business sent outside Fiwano. */
		async echo(input) {
			const ch = state.channels.get(input.channel_id);
			if (!ch) throw new HttpError(404, `Channel not found: ${input.channel_id}`);
			const d = ctx.echoes.emit(ch, input);
			return { event: d.payload, delivery: await (input.wait === 'all' ? d.all : d.first) };
		},
		async status(input) {
			const ch = state.channels.get(input.channel_id);
			if (!ch) throw new HttpError(404, `Channel not found: ${input.channel_id}`);
			const d = ctx.messaging.status(ch, input);
			return { event: d.payload, delivery: await (input.wait === 'all' ? d.all : d.first) };
		},
		sign,
	};
	return sandbox;
}

module.exports = { createSandbox, IDS, EVENTS_BY_TYPE, DEFAULT_API_KEY, sign };
