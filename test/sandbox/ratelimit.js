'use strict';
// Rolling-window rate limiters: per API key (default 100 requests per minute, as api-reference.md says)
// and optional per-channel send pacing (Fiwano: 10 accepted sends per second per channel).

const UNIT_MS = { ms: 1, s: 1000, m: 60000, min: 60000, h: 3600000 };

/** "100/60s", "600/1m", "20/1s", "10/s" -> { limit, windowMs }; throws on anything else. */
function parseRateSpec(spec) {
	const m = /^\s*(\d+)\s*\/\s*(\d*)\s*(ms|s|min|m|h)\s*$/.exec(String(spec));
	if (!m || Number(m[1]) < 1)
		throw new Error(`Invalid rate "${spec}": use <count>/<window>, e.g. 100/60s, 600/1m, 20/1s`);
	return { limit: Number(m[1]), windowMs: (m[2] === '' ? 1 : Number(m[2])) * UNIT_MS[m[3]] };
}

/** An option that may be a spec string, `{limit, windowMs}` or undefined (then `env`, then `dflt`). */
function rateOption(value, env, dflt) {
	if (value === undefined || value === null || value === false)
		return env ? parseRateSpec(env) : dflt;
	if (value === true) return dflt;
	return typeof value === 'string' ? parseRateSpec(value) : { ...dflt, ...value };
}

function createRateLimiter({ limit = 100, windowMs = 60000 } = {}, clock) {
	const hits = new Map();
	return {
		limit,
		windowMs,
		/** Records a hit and returns `{ ok: true, remaining }` or `{ ok: false, retryAfter }` (seconds). */
		hit(key) {
			const now = clock.now();
			const list = (hits.get(key) || []).filter((t) => t > now - windowMs);
			if (list.length >= limit) {
				hits.set(key, list);
				const retryAfter = Math.max(1, Math.ceil((list[0] + windowMs - now) / 1000));
				return { ok: false, retryAfter };
			}
			list.push(now);
			hits.set(key, list);
			return { ok: true, remaining: limit - list.length };
		},
		reset() {
			hits.clear();
		},
	};
}

module.exports = { createRateLimiter, parseRateSpec, rateOption };
