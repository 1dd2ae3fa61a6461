import { sleep } from 'n8n-workflow';

import { retryAfterSeconds } from './apiAnswer';

/**
 * The one retry policy of the package: 429 (rate limit) and 503 (overload) are retried,
 * waiting as long as Retry-After says (1, 2, 4, 8, 16, 30 s without it). A request gets at most
 * `maxTries` tries and at most `maxWaitSeconds` of waiting in all: Fiwano's limit is 100
 * requests per minute per API key, and a key shared with other workflows can need a few of
 * those minutes, but not an unbounded stall. A Retry-After that would cross the budget ends
 * the retries at once with the mapped error, which names the wait.
 * Nothing else is retried: a 2xx means the API accepted the request (a send must never go out
 * twice) and other errors will not change by asking again.
 */
export const retryPolicy = {
	maxTries: 10,
	maxWaitSeconds: 180,
	backoffSeconds: [1, 2, 4, 8, 16, 30],
} as const;

export const RETRYABLE_STATUS = [429, 503];

export const isRetryableStatus = (statusCode: number | string | undefined) =>
	statusCode !== undefined && RETRYABLE_STATUS.includes(Number(statusCode));

/** Seconds to wait before try `attempt + 1` (attempt counts from 1): Retry-After, else backoff. */
export function retryDelaySeconds(
	headers: Record<string, unknown> | undefined,
	attempt: number,
): number {
	const { backoffSeconds } = retryPolicy;
	return (
		retryAfterSeconds(headers) ?? backoffSeconds[Math.min(attempt - 1, backoffSeconds.length - 1)]
	);
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
 * Runs `attempt` until it gives a final result or the budget (tries, total wait) runs out;
 * then the last 429/503 error is thrown (the caller has already mapped it to an actionable
 * message).
 */
export async function withRetries<T>(
	attempt: (tryNumber: number) => Promise<RetryableOutcome<T>>,
	signal?: AbortSignal,
): Promise<T> {
	let waitedSeconds = 0;
	for (let tryNumber = 1; ; tryNumber++) {
		const outcome = await attempt(tryNumber);
		if (!outcome.retry) return outcome.result as T;
		const wait = retryDelaySeconds(outcome.retry.headers, tryNumber);
		const budgetLeft = retryPolicy.maxWaitSeconds - waitedSeconds;
		if (tryNumber >= retryPolicy.maxTries || wait > budgetLeft) throw outcome.retry.error;
		await cancellableSleep(wait * 1000, signal);
		waitedSeconds += wait;
	}
}

/** The execution's cancel signal, on the contexts that have one. */
export function cancelSignalOf(context: object): AbortSignal | undefined {
	const getter = (context as { getExecutionCancelSignal?: () => AbortSignal | undefined })
		.getExecutionCancelSignal;
	return typeof getter === 'function' ? getter.call(context) : undefined;
}
