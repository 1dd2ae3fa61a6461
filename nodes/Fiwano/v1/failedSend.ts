import { NodeOperationError } from 'n8n-workflow';
import type { IDataObject, INode } from 'n8n-workflow';

import { metaErrorCode, metaErrorFix } from '../../shared/failedSends';

export interface FailedSend {
	error: NodeOperationError;
	/** The published Continue-On-Fail item body, kept under json.error. */
	item: IDataObject;
}

const NO_RETRY = 'Fix the cause before sending again: Fiwano does not retry a failed send.';

/**
 * A send the API answered with HTTP 200 but Meta refused (success false / status failed),
 * for nodes whose Error on Failed Send is on. The fix goes in the message: AI agents see
 * only the message.
 */
export function failedSend(node: INode, response: IDataObject, itemIndex: number): FailedSend {
	const reason =
		typeof response.error === 'string' && response.error.trim()
			? response.error.trim()
			: 'Meta rejected the message';
	const code =
		metaErrorCode(response) ??
		(response.error_code === undefined || response.error_code === null
			? undefined
			: response.error_code);
	const suffix = code === undefined ? '' : ` (Meta error ${String(code)})`;
	const fix = metaErrorFix(typeof code === 'number' ? code : Number(code)) ?? NO_RETRY;
	const hint = `${fix} To get failed sends as normal items instead, turn off Error on Failed Send.`;
	const message = `Send failed: ${reason}${suffix}. ${fix}`;
	return {
		error: new NodeOperationError(node, message, { itemIndex, description: hint }),
		item: {
			message,
			hint,
			meta_error: typeof response.error === 'string' ? response.error : null,
			error_code: (response.error_code as number | undefined) ?? null,
			status: (response.status as string | undefined) ?? 'failed',
			message_id: (response.message_id as string | undefined) ?? null,
			success: false,
		},
	};
}
