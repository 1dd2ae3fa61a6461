import { NodeOperationError } from 'n8n-workflow';
import type { IExecuteFunctions } from 'n8n-workflow';

import { invalidField } from '../../shared/validation';
import type { FieldContext } from '../../shared/validation';

const PHONE_LIKE = /^\+?[\d\s().-]+$/;
const ID_LIKE = /^[A-Za-z0-9._:-]{1,256}$/;

/**
 * Recipient as the API wants it: WhatsApp numbers lose +, spaces, dots, dashes and brackets
 * (IGSID/PSID are plain digits, so they pass unchanged). Anything that is not an ID, such as
 * an empty value or "[object Object]" from a wrong expression, is refused before any request.
 */
export function normalizeRecipient(raw: unknown): string {
	if (raw !== null && typeof raw === 'object') {
		throw new Error(
			'Recipient is an object or a list, not an ID (the expression points at the wrong field)',
		);
	}
	const value = typeof raw === 'number' ? String(raw) : typeof raw === 'string' ? raw.trim() : '';
	if (value && PHONE_LIKE.test(value) && /\d/.test(value)) return value.replace(/\D/g, '');
	if (ID_LIKE.test(value)) return value;
	throw new Error(
		value ? `Recipient "${value.slice(0, 60)}" is not a valid recipient ID` : 'Recipient is empty',
	);
}

/** One item's view for field checks: the node and the item index. */
export const fieldContext = (context: IExecuteFunctions, itemIndex: number): FieldContext => ({
	getNode: () => context.getNode(),
	getItemIndex: () => itemIndex,
});

/** channel_id and recipient of one item, the part every send body starts with. */
export function addressOf(context: IExecuteFunctions, itemIndex: number) {
	const channelId = String(
		context.getNodeParameter('channelId', itemIndex, '', { extractValue: true }) ?? '',
	).trim();
	if (!channelId) {
		invalidField(
			fieldContext(context, itemIndex),
			'Channel',
			'is empty',
			'Pick a channel from the list or enter its ID.',
		);
	}
	const recipient = context.getNodeParameter('recipient', itemIndex);
	try {
		return { channel_id: channelId, recipient: normalizeRecipient(recipient) };
	} catch (error) {
		throw new NodeOperationError(context.getNode(), (error as Error).message, {
			itemIndex,
			description:
				'Set Recipient to the phone number with country code (WhatsApp, e.g. 15551234567) or the IGSID/PSID (Instagram, Messenger). When replying to a Fiwano Trigger event, use {{ $json.data.from }}.',
		});
	}
}
