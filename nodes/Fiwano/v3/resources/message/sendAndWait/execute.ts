import { NodeOperationError, WAIT_INDEFINITELY } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { failedSendError, isFailedSend, metaErrorCode } from '../../../../../shared/failedSends';
import { fiwanoApiRequest } from '../../../../../shared/transport';
import { addressOf } from '../recipient';
import { asItemError } from '../sendLoop';

const UNIT_MS: Record<string, number> = { minutes: 60_000, hours: 3_600_000, days: 86_400_000 };
const WINDOW_CLOSED = [131047, 131057];

/** When the wait ends without an answer (Limit Wait Time), or never. */
export function waitTillDate(context: IExecuteFunctions, now = Date.now()): Date {
	const limit = context.getNodeParameter('options.limitWaitTime.values', 0, {}) as IDataObject;
	if (!Object.keys(limit).length) return WAIT_INDEFINITELY;
	const until =
		limit.limitType === 'atSpecifiedTime'
			? new Date(String(limit.maxDateAndTime ?? ''))
			: new Date(
					now +
						Number(limit.resumeAmount ?? 1) * (UNIT_MS[String(limit.resumeUnit ?? 'hours')] ?? NaN),
				);
	if (Number.isNaN(until.getTime())) {
		throw new NodeOperationError(
			context.getNode(),
			'Limit Wait Time: the date or the amount is not valid',
			{
				itemIndex: 0,
				description: 'Enter an amount and a unit, or a date and time such as 2030-01-31T17:00:00.',
			},
		);
	}
	return until;
}

/**
 * The resume link of this wait. n8n 2.x signs it (getSignedResumeUrl) and checks the signature
 * before the webhook runs; n8n 1.x does the same once setSignatureValidationRequired is called.
 */
function resumeUrl(context: IExecuteFunctions, query: Record<string, string>): string {
	const withSignature = context as IExecuteFunctions & {
		setSignatureValidationRequired?: () => void;
	};
	withSignature.setSignatureValidationRequired?.();
	return context.getSignedResumeUrl(query);
}

/** The question and the answer link(s), as the recipient reads them. */
export function questionText(context: IExecuteFunctions): string {
	const message = String(context.getNodeParameter('message', 0, '')).trim();
	if (!message) {
		throw new NodeOperationError(context.getNode(), 'Message: is empty', {
			itemIndex: 0,
			description:
				'Enter the question the recipient should answer, e.g. "Approve the refund of $25 for order 1234?"',
		});
	}
	const responseType = context.getNodeParameter('responseType', 0, 'approval') as string;
	const lines: string[] = [];
	if (responseType === 'approval') {
		const approval = context.getNodeParameter('approvalOptions.values', 0, {}) as IDataObject;
		lines.push(
			`${String(approval.approveLabel || 'Approve')}: ${resumeUrl(context, { approved: 'true' })}`,
		);
		if (approval.approvalType === 'double') {
			lines.push(
				`${String(approval.disapproveLabel || 'Decline')}: ${resumeUrl(context, { approved: 'false' })}`,
			);
		}
	} else {
		const label = context.getNodeParameter('options.messageButtonLabel', 0, 'Respond') as string;
		lines.push(`${label || 'Respond'}: ${resumeUrl(context, {})}`);
	}
	return `${message}\n\n${lines.join('\n')}`;
}

/** A refused send; on WhatsApp outside the 24-hour window the message says what to do first. */
function refused(context: IExecuteFunctions, answer: IDataObject) {
	const code = metaErrorCode(answer);
	if (code !== undefined && WINDOW_CLOSED.includes(code)) {
		return new NodeOperationError(
			context.getNode(),
			`Message not sent (Meta error ${code}): the WhatsApp 24-hour window with this customer is closed. Send an approved template first (Message > Send Template); Send and Wait can ask once the customer has replied.`,
			{
				itemIndex: 0,
				description:
					"WhatsApp allows free-form messages, like this question, only within 24 hours of the customer's last message.",
			},
		);
	}
	return failedSendError(context.getNode(), answer, 0);
}

/**
 * Message > Send and Wait for Response: one message for the run (the first item's
 * parameters, as n8n's own Send and Wait nodes do), then the execution waits. The answer
 * arrives through the node's webhook (sendAndWait/webhook.ts), which resumes it.
 */
export async function sendAndWait(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	try {
		const waitTill = waitTillDate(this);
		const body = { ...addressOf(this, 0), text: questionText(this) };
		const answer = (await fiwanoApiRequest.call(this, 'POST', '/messages/send', {
			body,
		})) as IDataObject;
		if (isFailedSend(answer)) throw refused(this, answer);
		await this.putExecutionToWait(waitTill);
	} catch (error) {
		const nodeError = asItemError(this, error, 0);
		if (!this.continueOnFail()) throw nodeError;
		return [[{ json: { error: nodeError.message }, error: nodeError, pairedItem: { item: 0 } }]];
	}
	return [this.getInputData()];
}
