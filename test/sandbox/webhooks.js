'use strict';
// Webhook delivery the way Fiwano does it: only enabled events, body serialized once,
// X-Webhook-Signature = sha256=<hex HMAC-SHA256(body bytes, channel webhook_secret)>, retries with backoff.
const http = require('http');
const https = require('https');
const crypto = require('crypto');
const { isoZ, isLoopbackHost, uuid } = require('./util');

function sign(body, secret) {
	return 'sha256=' + crypto.createHmac('sha256', secret).update(body).digest('hex');
}

function post(url, body, headers, timeoutMs) {
	return new Promise((resolve) => {
		const u = new URL(url);
		const lib = u.protocol === 'https:' ? https : http;
		const started = Date.now();
		const req = lib.request(
			u,
			{
				method: 'POST',
				headers: { ...headers, 'Content-Length': body.length },
				rejectUnauthorized: !isLoopbackHost(u.hostname),
			},
			(res) => {
				res.on('data', () => {});
				res.on('end', () => resolve({ status: res.statusCode, duration_ms: Date.now() - started }));
				res.on('error', (e) =>
					resolve({ status: res.statusCode, error: e.message, duration_ms: Date.now() - started }),
				);
			},
		);
		req.setTimeout(timeoutMs, () => req.destroy(new Error(`timeout after ${timeoutMs} ms`)));
		req.on('error', (e) =>
			resolve({ status: null, error: e.message, duration_ms: Date.now() - started }),
		);
		req.end(body);
	});
}

/**
 * @param ctx { getState, clock, sched, options: { allowExternalWebhooks, webhook: { timeoutMs, retries, backoffMs } } }
 */
function createWebhookSender(ctx) {
	const cfg = {
		timeoutMs: 5000,
		retries: 3,
		backoffMs: [200, 1000, 3000],
		...(ctx.options.webhook || {}),
	};

	function skip(reason, channel, event) {
		return { delivered: false, skipped: reason, event, channel_id: channel.id, attempts: [] };
	}

	/**
	 * Deliver one event. Returns `{ payload, first, all }`: `first` resolves after the first attempt,
	 * `all` after the last (retries included). Skipped deliveries resolve immediately.
	 */
	function deliver(channel, event, data) {
		const state = ctx.getState();
		const payload = {
			event,
			channel_id: channel.id,
			channel_type: channel.channel_type,
			timestamp: isoZ(ctx.clock.now()),
			data,
		};
		state.events.push(payload);
		let reason = null;
		if (!channel.webhook_url) reason = 'no_webhook_url';
		else if (!(channel.webhook_events || []).includes(event)) reason = 'event_not_enabled';
		else if (!channel.is_active) reason = 'channel_inactive';
		else if (!channel.subscription || channel.subscription.status !== 'active')
			reason = 'subscription_inactive';
		else if (
			!ctx.options.allowExternalWebhooks &&
			!isLoopbackHost(new URL(channel.webhook_url).hostname)
		)
			reason = 'external_webhook_refused';
		if (reason) {
			const r = Promise.resolve(skip(reason, channel, event));
			return { payload, first: r, all: r };
		}
		const url = channel.webhook_url;
		const body = Buffer.from(JSON.stringify(payload), 'utf8');
		const headers = {
			'Content-Type': 'application/json',
			'User-Agent': 'Fiwano-Webhooks/1.0 (sandbox)',
		};
		if (channel.webhook_secret) headers['X-Webhook-Signature'] = sign(body, channel.webhook_secret);
		const deliveryId = uuid();
		const result = {
			delivered: false,
			delivery_id: deliveryId,
			event,
			channel_id: channel.id,
			url,
			attempts: [],
		};
		let firstResolve;
		const first = new Promise((r) => (firstResolve = r));
		const all = ctx.sched.track(
			(async () => {
				for (let attempt = 1; attempt <= cfg.retries + 1; attempt++) {
					const at = isoZ(ctx.clock.now());
					const res = await post(url, body, headers, cfg.timeoutMs);
					const ok = res.status !== null && res.status >= 200 && res.status < 300;
					const rec = {
						delivery_id: deliveryId,
						attempt,
						event,
						channel_id: channel.id,
						url,
						status: res.status,
						ok,
						error: res.error || (ok ? null : `HTTP ${res.status}`),
						duration_ms: res.duration_ms,
						at,
						signature: headers['X-Webhook-Signature'] || null,
						payload,
					};
					if (ctx.getState() === state) state.deliveries.push(rec);
					result.attempts.push(rec);
					if (ctx.log)
						ctx.log(
							`webhook ${event} -> ${url} attempt ${attempt}: ${res.status || res.error} (${res.duration_ms} ms)`,
						);
					if (ok) {
						result.delivered = true;
						break;
					}
					if (attempt === 1)
						firstResolve({
							...result,
							attempts: [...result.attempts],
							retrying: attempt <= cfg.retries,
						});
					if (attempt > cfg.retries) break;
					const backoff = Array.isArray(cfg.backoffMs)
						? cfg.backoffMs[Math.min(attempt - 1, cfg.backoffMs.length - 1)]
						: cfg.backoffMs;
					await ctx.sched.sleep(backoff);
				}
				firstResolve({ ...result, attempts: [...result.attempts], retrying: false });
				return result;
			})(),
		);
		return { payload, first, all };
	}

	return { deliver, sign };
}

module.exports = { createWebhookSender, sign };
