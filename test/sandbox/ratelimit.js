'use strict';
// Rolling-window rate limiter per API key (Fiwano: 100 requests per minute per key).

function createRateLimiter({ limit = 100, windowMs = 60000 } = {}, clock) {
	const hits = new Map();
	return {
		limit,
		windowMs,
		/** Records a hit and returns `{ ok: true }` or `{ ok: false, retryAfter }` (seconds). */
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

module.exports = { createRateLimiter };
