import nock from 'nock';
import type { INodeParameters } from 'n8n-workflow';

import { API_KEY, BASE_URL, runFiwano } from '../helpers/run-node';
import type { RunOptions, RunResult } from '../helpers/run-node';

/** A Fiwano node as the published package saved it in a workflow: only non-default parameters. */
export interface SavedNode {
	name?: string;
	type: string;
	typeVersion: number;
	parameters: INodeParameters;
}

/** Runs a saved node through the engine as loaded from the database (defaults filled by n8n). */
export async function runSaved(
	node: SavedNode,
	options: Omit<RunOptions, 'asSaved' | 'typeVersion'> & { typeVersion?: number } = {},
): Promise<RunResult> {
	expect(node.type).toBe('n8n-nodes-fiwano.fiwano');
	return await runFiwano(node.parameters, {
		...options,
		typeVersion: options.typeVersion ?? node.typeVersion,
		asSaved: true,
	});
}

export interface ExpectedCall {
	method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
	/** Path under the API root, as it must appear on the wire (encoded). */
	path: string;
	/** Exact query; none at all when omitted. */
	query?: Record<string, string>;
	status?: number;
	reply?: unknown;
	replyHeaders?: Record<string, string>;
	baseUrl?: string;
	apiKey?: string;
	/** How many identical requests are expected (default 1). */
	times?: number;
}

/**
 * One expected request: method, path, exact query, the API key and the X-Fiwano-Client
 * header. The body is recorded for an exact assertion afterwards ('' when none was sent).
 */
export function expectCall(call: ExpectedCall) {
	const seen: { body?: unknown } = {};
	const interceptor = nock(call.baseUrl ?? BASE_URL)
		.matchHeader('x-api-key', call.apiKey ?? API_KEY)
		.matchHeader('x-fiwano-client', 'n8n-nodes-fiwano')
		.intercept(`/api/v1${call.path}`, call.method, (body: unknown) => {
			seen.body = body;
			return true;
		});
	if (call.query) interceptor.query(call.query);
	if (call.times) interceptor.times(call.times);
	const scope = interceptor.reply(call.status ?? 200, call.reply as nock.Body, call.replyHeaders);
	return {
		scope,
		/** The request body as sent; '' means no body. */
		body: () => {
			scope.done();
			return seen.body;
		},
	};
}

export const paired = (item = 0) => ({ item });

/** The fields of the error the node ended with. */
export function errorOf(result: RunResult) {
	expect(result.error).toBeDefined();
	return result.error as unknown as {
		message: string;
		description?: string | null;
		httpCode?: string | null;
	};
}

/** The API key must appear nowhere in what the run stored. */
export function expectNoApiKey(result: RunResult): void {
	expect(JSON.stringify(result.run.data.resultData)).not.toContain(API_KEY);
}
