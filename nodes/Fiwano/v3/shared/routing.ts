import { NodeApiError, NodeOperationError, sleep } from 'n8n-workflow';
import type {
	DeclarativeRestApiSettings,
	IDataObject,
	JsonObject,
	IExecutePaginationFunctions,
	IExecuteSingleFunctions,
	INodeExecutionData,
} from 'n8n-workflow';

import { answerOf, isFailedSend } from '../../../shared/errors';
import { cancelSignalOf, isRetryableStatus, withRetries } from '../../../shared/retry';
import { SMALLEST_TEXT_LIMIT, splitText, textLimitFor } from './split';
import { fiwanoApiRequest } from '../../../shared/transport';
import { codePointLength } from './validation';

/*
 * How every declarative request of the Fiwano node is made.
 *
 * The node stays declarative: routing builds each item's request, preSend hooks validate it and
 * postReceive hooks map the answer. What routing cannot express is "make this request again
 * after Retry-After", "send these items one after another, in item order" and "send this text
 * as several messages". n8n's RoutingNode offers one documented hook that controls how the
 * request(s) of an item are made: a `requestOperations.pagination` function, called with
 * `makeRoutingRequest` (the engine's own request + postReceive pipeline) when the item's
 * request data has `paginate` set. The node sets both for every operation, so this function
 * is the single place where declarative requests are made; programmatic requests go through
 * shared/transport.ts, and both use the retry policy of shared/retry.ts.
 *
 * A postReceive hook that re-sends with httpRequestWithAuthentication was the alternative; it
 * would run outside the engine's pipeline (the later postReceive steps would not see the
 * retried answer) and could not order items, which the engine starts all at once.
 */

type RequestData = DeclarativeRestApiSettings.ResultOptions;

/** Errors from the engine's pipeline are node errors already; anything else is wrapped. */
function asNodeError(context: IExecuteSingleFunctions, error: unknown): NodeApiError | NodeOperationError {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) return error;
	return new NodeApiError(context.getNode(), error as JsonObject, { itemIndex: context.getItemIndex() });
}

/** One item's request through the engine, retried on 429/503 (never after a 2xx). */
export async function requestWithRetries(
	context: IExecutePaginationFunctions,
	requestData: RequestData,
): Promise<INodeExecutionData[]> {
	return await withRetries(async () => {
		try {
			const result = await context.makeRoutingRequest({
				...requestData,
				options: { ...requestData.options },
			});
			return { result };
		} catch (error) {
			// throwOnApiError (first postReceive step) records the status of the answer.
			const answer = answerOf(error);
			if (answer && isRetryableStatus(answer.statusCode)) {
				return { retry: { error, headers: answer.headers } };
			}
			throw asNodeError(context, error);
		}
	}, cancelSignalOf(context));
}

/** An object that lives as long as the execution: n8n's per-execution context data. */
function executionScope(context: IExecuteSingleFunctions, type: 'flow' | 'node'): object {
	try {
		return context.getContext(type);
	} catch {
		return {};
	}
}

interface ItemQueue {
	waiting: Array<{ index: number; start: () => void }>;
	busy: boolean;
}
const queues = new WeakMap<object, ItemQueue>();

function startNext(queue: ItemQueue) {
	if (queue.waiting.length === 0) {
		queue.busy = false;
		return;
	}
	let next = 0;
	for (let i = 1; i < queue.waiting.length; i++) {
		if (queue.waiting[i].index < queue.waiting[next].index) next = i;
	}
	queue.waiting.splice(next, 1)[0].start();
}

/**
 * Runs the sends of one node run one at a time, in item order. The engine starts every item's
 * request at once; messages to a chat must arrive in order, and a rate-limited burst would
 * otherwise retry in random order. Items enter within the same tick (their preSend hooks do no
 * I/O), so the first one waits a tick and the queue then always starts the lowest item index.
 */
async function inItemOrder<T>(
	context: IExecuteSingleFunctions,
	task: () => Promise<T>,
): Promise<T> {
	const scope = executionScope(context, 'node');
	let queue = queues.get(scope);
	if (!queue) {
		queue = { waiting: [], busy: false };
		queues.set(scope, queue);
	}
	const current = queue;
	await new Promise<void>((start) => {
		current.waiting.push({ index: context.getItemIndex(), start });
		if (!current.busy) {
			current.busy = true;
			void sleep(0).then(() => startNext(current));
		}
	});
	try {
		return await task();
	} finally {
		startNext(current);
	}
}

const channelTypes = new WeakMap<object, Map<string, Promise<string>>>();

/** The channel's type, looked up at most once per channel per execution. */
async function channelTypeOf(context: IExecuteSingleFunctions, channelId: string): Promise<string> {
	const scope = executionScope(context, 'flow');
	let known = channelTypes.get(scope);
	if (!known) {
		known = new Map();
		channelTypes.set(scope, known);
	}
	let type = known.get(channelId);
	if (!type) {
		type = fiwanoApiRequest
			.call(context, 'GET', `/channels/${encodeURIComponent(channelId)}`)
			.then((channel) => String((channel as IDataObject).channel_type ?? ''));
		known.set(channelId, type);
		type.catch(() => known?.delete(channelId));
	}
	return await type;
}

interface SentPart extends IDataObject {
	part: number;
	length: number;
	message_id: string | null;
	status: string | null;
}

/** Adds to a part's error how many parts went out before it. */
function partFailed(error: unknown, part: number, total: number): unknown {
	if (error instanceof Error) {
		const withDescription = error as Error & { description?: string | null };
		const delivered = part - 1;
		error.message = `${error.message} [part ${part} of ${total}]`;
		withDescription.description = `${
			withDescription.description ? `${withDescription.description} ` : ''
		}The long text was split into ${total} messages: ${delivered} delivered, part ${part} failed, and the remaining ${total - part} were not sent.`;
	}
	return error;
}

/**
 * Send Text with the option Split Long Text: text longer than the channel's limit goes out as
 * several messages, in order; one output item lists every part. Text within the smallest limit
 * (1000) is sent as is, without looking the channel up.
 */
async function sendText(
	context: IExecutePaginationFunctions,
	requestData: RequestData,
): Promise<INodeExecutionData[]> {
	const body = (requestData.options.body ?? {}) as IDataObject;
	const text = typeof body.text === 'string' ? body.text : '';
	const split = context.getNodeParameter('options.splitLongText', true) as boolean;
	if (!split || codePointLength(text) <= SMALLEST_TEXT_LIMIT) {
		return await requestWithRetries(context, requestData);
	}
	const limit = textLimitFor(await channelTypeOf(context, String(body.channel_id ?? '')));
	if (codePointLength(text) <= limit) return await requestWithRetries(context, requestData);

	const texts = splitText(text, limit);
	const parts: SentPart[] = [];
	for (const [index, partText] of texts.entries()) {
		let answer: IDataObject;
		try {
			const items = await requestWithRetries(context, {
				...requestData,
				options: { ...requestData.options, body: { ...body, text: partText } },
			});
			answer = items[0]?.json ?? {};
		} catch (error) {
			throw partFailed(error, index + 1, texts.length);
		}
		parts.push({
			part: index + 1,
			length: codePointLength(partText),
			message_id: typeof answer.message_id === 'string' ? answer.message_id : null,
			status: typeof answer.status === 'string' ? answer.status : null,
		});
		// Only reachable with "Return Failed Send as Data": stop, and say what went out.
		if (isFailedSend(answer)) {
			return [
				{
					json: {
						...answer,
						success: false,
						message_id: parts[0].message_id,
						parts,
						parts_total: texts.length,
						parts_delivered: index,
					},
				},
			];
		}
	}
	const statuses = parts.map((part) => part.status);
	return [
		{
			json: {
				success: true,
				message_id: parts[0].message_id,
				status: statuses.includes('queued') ? 'queued' : statuses[0],
				parts,
				parts_total: parts.length,
			},
		},
	];
}

/**
 * `requestOperations.pagination` of the Fiwano node: see the comment at the top of the file.
 * Message operations are sent in item order; Send Text may split; everything is retried.
 */
export async function routeRequest(
	this: IExecutePaginationFunctions,
	requestData: RequestData,
): Promise<INodeExecutionData[]> {
	if (this.getNodeParameter('resource', '') !== 'message') {
		return await requestWithRetries(this, requestData);
	}
	const send =
		this.getNodeParameter('operation', '') === 'sendText'
			? async () => await sendText(this, requestData)
			: async () => await requestWithRetries(this, requestData);
	return await inItemOrder(this, send);
}
