import { sleep } from 'n8n-workflow';

import { retryAfterSeconds } from './errors';

/**
 * The one retry policy of the package: 429 (rate limit) and 503 (overload) are retried,
 * waiting as long as Retry-After says, at most `maxWaitSeconds` a wait and `maxTries` tries
 * in all. Nothing else is retried: a 2xx means the API accepted the request (a send must
 * never go out twice) and other errors will not change by asking again.
 */
export const retryPolicy = {
	maxTries: 5,
	maxWaitSeconds: 60,
	/** Wait without Retry-After: 1, 2, 4, 8 s. */
	backoffSeconds: [1, 2, 4, 8],
	/** Length of a second in ms; tests may shrink it. */
	secondMs: 1000,
};

export const RETRYABLE_STATUS = [429, 503];

export const isRetryableStatus = (statusCode: number | undefined) =>
	statusCode !== undefined && RETRYABLE_STATUS.includes(statusCode);

/** Milliseconds to wait before try `attempt + 1` (attempt counts from 1). */
export function retryDelayMs(headers: Record<string, unknown> | undefined, attempt: number): number {
	const { backoffSeconds, maxWaitSeconds, secondMs } = retryPolicy;
	const announced = retryAfterSeconds(headers);
	const fallback = backoffSeconds[Math.min(attempt - 1, backoffSeconds.length - 1)];
	return Math.min(announced ?? fallback, maxWaitSeconds) * secondMs;
}

/** Why a sleep ended early: the execution was cancelled. */
export class RetryCancelledError extends Error {
	constructor() {
		super('The execution was cancelled while waiting to retry a Fiwano request');
		this.name = 'RetryCancelledError';
	}
}

const SLICE_MS = 250;

/**
 * n8n-workflow's `sleep` (node code may not use timers directly) in short slices, so a
 * cancelled execution stops waiting within a quarter of a second instead of holding the
 * worker for up to a minute.
 */
export async function cancellableSleep(ms: number, signal?: AbortSignal): Promise<void> {
	let left = ms;
	while (left > 0) {
		if (signal?.aborted) throw new RetryCancelledError();
		const step = Math.min(left, SLICE_MS);
		await sleep(step);
		left -= step;
	}
	if (signal?.aborted) throw new RetryCancelledError();
}

export interface RetryableOutcome<T> {
	/** The attempt's result when it is final (success or a non-retryable failure). */
	result?: T;
	/** Set when the attempt hit 429/503: what to throw if no try is left, and its headers. */
	retry?: { error: unknown; headers?: Record<string, unknown> };
}

/**
 * Runs `attempt` until it gives a final result or the tries run out; then the last 429/503
 * error is thrown (the caller has already mapped it to an actionable message).
 */
export async function withRetries<T>(
	attempt: (tryNumber: number) => Promise<RetryableOutcome<T>>,
	signal?: AbortSignal,
): Promise<T> {
	for (let tryNumber = 1; ; tryNumber++) {
		const outcome = await attempt(tryNumber);
		if (!outcome.retry) return outcome.result as T;
		if (tryNumber >= retryPolicy.maxTries) throw outcome.retry.error;
		await cancellableSleep(retryDelayMs(outcome.retry.headers, tryNumber), signal);
	}
}

/** The execution's cancel signal, on the contexts that have one. */
export function cancelSignalOf(context: object): AbortSignal | undefined {
	const getter = (context as { getExecutionCancelSignal?: () => AbortSignal | undefined })
		.getExecutionCancelSignal;
	return typeof getter === 'function' ? getter.call(context) : undefined;
}
