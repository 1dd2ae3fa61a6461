import nock from 'nock';
import type { INodeParameters } from 'n8n-workflow';

import { API_KEY, BASE_URL } from '../helpers/run-node';
import type { RunResult } from '../helpers/run-node';

/** Channel resource locator "By ID". */
export const byId = (value: string): INodeParameters => ({ __rl: true, mode: 'id', value });

/** Scope on the credential's base URL that only matches requests carrying the API key. */
export const api = (baseUrl = BASE_URL) => nock(baseUrl).matchHeader('x-api-key', API_KEY);

/** Catch-all interceptors: a request that reaches them proves local validation failed to stop it. */
export function anyRequest() {
	return nock(BASE_URL).post(/.*/).reply(200, { success: true, message_id: 'should-not-happen' });
}

/** The error fields users see, from the error the engine stored for the node. */
export function errorOf(result: RunResult) {
	const error = result.error as unknown as {
		message: string;
		description?: string | null;
		httpCode?: string | null;
		name?: string;
		context?: { itemIndex?: number };
	};
	expect(error).toBeDefined();
	return error;
}

/** The API key must appear nowhere a user (or anyone reading executions) can see it. */
export function expectNoSecret(result: RunResult): void {
	const error = result.error as unknown as { message?: string; description?: string } | undefined;
	expect(JSON.stringify(result.items)).not.toContain(API_KEY);
	expect(JSON.stringify(result.error ?? null)).not.toContain(API_KEY);
	expect(String(error?.message ?? '')).not.toContain(API_KEY);
	expect(String(error?.description ?? '')).not.toContain(API_KEY);
	expect(JSON.stringify(result.run.data.resultData)).not.toContain(API_KEY);
}
