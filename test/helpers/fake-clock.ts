/**
 * Jest fake timers for code that waits with n8n-workflow's `sleep` (retries on 429/503):
 * setTimeout and Date are faked, while nock, axios and the engine keep their real ticks
 * (nextTick, setImmediate, microtasks), so requests still flow.
 */
export function useFakeClock(): void {
	jest.useFakeTimers({
		doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask', 'hrtime', 'performance'],
	});
}

/** Settles `work`, moving fake time forward a quarter second at a time. */
export async function settleWithFakeClock<T>(work: Promise<T>): Promise<T> {
	let settled = false;
	const done = work.then(
		() => (settled = true),
		() => (settled = true),
	);
	// advanceTimersByTimeAsync yields to the real event loop, so pending I/O completes too.
	while (!settled) await jest.advanceTimersByTimeAsync(250);
	await done;
	return await work;
}
