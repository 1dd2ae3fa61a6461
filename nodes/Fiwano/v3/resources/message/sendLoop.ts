import { NodeApiError, NodeOperationError } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { failedSendError, isFailedSend } from '../../../../shared/failedSends';
import { RetryCancelledError } from '../../../../shared/retry';
import { fiwanoApiRequest } from '../../../../shared/transport';

/** Sends one item and gives its output JSON; throws a node error when the item fails. */
export type SendItem = (itemIndex: number) => Promise<IDataObject>;

type NodeError = NodeApiError | NodeOperationError;

/** Node errors keep their text; anything else is wrapped. Either way it names its item. */
export function asItemError(
	context: IExecuteFunctions,
	error: unknown,
	itemIndex: number,
): NodeError {
	const nodeError =
		error instanceof NodeApiError || error instanceof NodeOperationError
			? error
			: new NodeOperationError(context.getNode(), error as Error, { itemIndex });
	nodeError.context.itemIndex = itemIndex;
	return nodeError;
}

/**
 * What went out before a failing item, so a re-run can start at it. Item numbers are n8n's
 * item indexes (from 0), the ones the error's Item Index shows.
 */
function addProgress(error: NodeError, itemIndex: number, total: number): NodeError {
	error.message = `${error.message} [item ${itemIndex}] ${itemIndex} of ${total} items were sent before this one failed; nothing after it was sent. Re-run from item ${itemIndex}.`;
	return error;
}

/**
 * The send path of the Message operations: items one after another, in item order, each
 * once. A failing item stops the run at once (so a re-run can start after what went out),
 * unless the node continues on fail: then it becomes an error item and the next one is sent.
 */
export async function sendEachItem(
	context: IExecuteFunctions,
	sendItem: SendItem,
): Promise<INodeExecutionData[][]> {
	const items = context.getInputData();
	const output: INodeExecutionData[] = [];
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		try {
			output.push({ json: await sendItem(itemIndex), pairedItem: { item: itemIndex } });
		} catch (error) {
			const nodeError = asItemError(context, error, itemIndex);
			if (error instanceof RetryCancelledError) throw nodeError;
			if (context.continueOnFail()) {
				output.push({
					json: { error: nodeError.message },
					error: nodeError,
					pairedItem: { item: itemIndex },
				});
				continue;
			}
			throw items.length > 1 ? addProgress(nodeError, itemIndex, items.length) : nodeError;
		}
	}
	return [output];
}

/**
 * One POST to a send endpoint (shared transport: API key, error mapping, 429/503 retries).
 * A 200 that Meta refused (`success: false`) is an error unless the option Return Failed Send
 * as Data is on; then it is returned like any answer.
 */
export async function postSend(
	context: IExecuteFunctions,
	itemIndex: number,
	path: string,
	body: IDataObject,
): Promise<IDataObject> {
	let answer: IDataObject;
	try {
		answer = (await fiwanoApiRequest.call(context, 'POST', path, { body })) as IDataObject;
	} catch (error) {
		throw asItemError(context, error, itemIndex);
	}
	if (
		isFailedSend(answer) &&
		!context.getNodeParameter('options.failedSendAsData', itemIndex, false)
	) {
		throw failedSendError(context.getNode(), answer, itemIndex);
	}
	return answer ?? {};
}
