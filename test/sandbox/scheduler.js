'use strict';
// Tracks timers and in-flight work so tests can wait for the sandbox to go idle and stop() can cancel.

function createScheduler() {
	const timers = new Set();
	const pending = new Set();
	let stopped = false;
	const waiters = [];

	function settle() {
		if (timers.size === 0 && pending.size === 0) while (waiters.length) waiters.shift()();
	}

	return {
		/** Run `fn` after `ms` (0 = next tick); its returned promise is tracked too. */
		later(ms, fn) {
			if (stopped) return;
			const t = setTimeout(
				() => {
					timers.delete(t);
					try {
						const r = fn();
						if (r && typeof r.then === 'function') this.track(r);
					} finally {
						settle();
					}
				},
				Math.max(0, ms || 0),
			);
			timers.add(t);
		},
		sleep(ms) {
			return new Promise((resolve) => {
				if (stopped) return;
				this.later(ms, resolve);
			});
		},
		track(promise) {
			pending.add(promise);
			const done = () => {
				pending.delete(promise);
				settle();
			};
			promise.then(done, done);
			return promise;
		},
		/** Resolves once no timer or tracked promise is outstanding (or after timeoutMs). */
		idle(timeoutMs = 10000) {
			if (timers.size === 0 && pending.size === 0) return Promise.resolve(true);
			return new Promise((resolve) => {
				const t = setTimeout(() => resolve(false), timeoutMs);
				waiters.push(() => {
					clearTimeout(t);
					resolve(true);
				});
			});
		},
		cancelAll() {
			for (const t of timers) clearTimeout(t);
			timers.clear();
			pending.clear();
			settle();
		},
		stop() {
			stopped = true;
			this.cancelAll();
		},
		start() {
			stopped = false;
		},
	};
}

module.exports = { createScheduler };
