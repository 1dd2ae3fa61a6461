import { NodeApiError, NodeOperationError } from 'n8n-workflow';
import type {
	DeclarativeRestApiSettings,
	IExecutePaginationFunctions,
	IExecuteSingleFunctions,
	IHttpRequestOptions,
	INodeExecutionData,
	INodeProperties,
	JsonObject,
} from 'n8n-workflow';

import { cancelSignalOf, isRetryableStatus, withRetries } from '../../../shared/retry';

/*
 * The declarative operations (everything but the Message sends, which are customOperations)
 * are made by n8n's RoutingNode. Routing has no way to say "ask again after Retry-After", and
 * Fiwano answers 429 when the API key's 100 requests per minute are used up, e.g. by another
 * workflow sharing the key. `requestOperations.pagination` is the one hook that wraps the
 * engine's own request + postReceive pipeline (`makeRoutingRequest`), so it is used for that
 * and nothing else: retry 429/503 with the policy of shared/retry.ts. The first postReceive
 * step (throwOnApiError) has already turned the answer into a NodeApiError whose httpCode and
 * context.retryAfterSeconds drive the decision.
 */
/** Errors of the engine's pipeline are node errors already; anything else is wrapped. */
function asNodeError(context: IExecutePaginationFunctions, error: unknown) {
	return error instanceof NodeApiError || error instanceof NodeOperationError
		? error
		: new NodeApiError(context.getNode(), error as JsonObject, {
				itemIndex: context.getItemIndex(),
			});
}

export async function retryRateLimited(
	this: IExecutePaginationFunctions,
	requestData: DeclarativeRestApiSettings.ResultOptions,
): Promise<INodeExecutionData[]> {
	return await withRetries(async () => {
		try {
			return {
				result: await this.makeRoutingRequest({
					...requestData,
					options: { ...requestData.options },
				}),
			};
		} catch (error) {
			if (error instanceof NodeApiError && isRetryableStatus(error.httpCode ?? undefined)) {
				const seconds = error.context.retryAfterSeconds;
				return {
					retry: {
						error,
						headers: seconds === undefined ? {} : { 'retry-after': String(seconds) },
					},
				};
			}
			throw asNodeError(this, error);
		}
	}, cancelSignalOf(this));
}

/** Operation values per resource, read from the node's own Operation parameters. */
export function knownOperations(properties: INodeProperties[]): Map<string, string[]> {
	const known = new Map<string, string[]>();
	for (const property of properties) {
		if (property.name !== 'operation' || property.type !== 'options') continue;
		const values = (property.options ?? []).map((option) =>
			String((option as { value: unknown }).value),
		);
		for (const resource of (property.displayOptions?.show?.resource ?? []) as string[]) {
			known.set(resource, values);
		}
	}
	return known;
}

/**
 * preSend of the Resource parameter: a saved workflow with a resource or operation this
 * version does not know (a typo, or a value from a newer version) fails naming the value,
 * instead of RoutingNode requesting the base URL and reporting success.
 */
export function checkKnownOperation(properties: () => INodeProperties[]) {
	return async function (
		this: IExecuteSingleFunctions,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		const known = knownOperations(properties());
		const resource = String(this.getNodeParameter('resource', ''));
		const operations = known.get(resource);
		const fail = (problem: string, choices: string[]): never => {
			throw new NodeOperationError(this.getNode(), problem, {
				itemIndex: this.getItemIndex(),
				description: `This version of the Fiwano node knows: ${choices.join(', ')}. Open the node and pick one, or update the n8n-nodes-fiwano package if the workflow was made with a newer version.`,
			});
		};
		if (!operations) return fail(`Unknown resource "${resource}"`, [...known.keys()]);
		const operation = String(this.getNodeParameter('operation', ''));
		if (!operations.includes(operation)) {
			return fail(`Unknown operation "${operation}" for resource "${resource}"`, operations);
		}
		return requestOptions;
	};
}
