import { NodeOperationError } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

const REPLY_HINT =
	'To reply to a Fiwano Trigger event, use {{ $json.data.from }} (message.received events).';

/**
 * The published 1.3.0 recipient check: only values no channel can ever accept are refused
 * (an object, nothing, no digit at all); anything else is sent as String(value), unchanged.
 */
export function checkedRecipient(this: IExecuteFunctions, itemIndex: number): string {
	const value: unknown = this.getNodeParameter('recipient', itemIndex);
	const fail = (message: string) =>
		new NodeOperationError(this.getNode(), message, { itemIndex, description: REPLY_HINT });
	if (value !== null && typeof value === 'object') {
		throw fail(
			'The Recipient field resolved to an object, not an ID. Use one of its fields, e.g. {{ $json.data.from }} instead of {{ $json.data }}.',
		);
	}
	const text = value === undefined || value === null ? '' : String(value);
	if (text.trim() === '') {
		throw fail(
			`The Recipient field is empty. Set it to a phone number with country code (WhatsApp), an IGSID (Instagram) or a PSID (Facebook). ${REPLY_HINT}`,
		);
	}
	if (!/[0-9]/.test(text)) {
		const shown = text.length > 40 ? `${text.slice(0, 40)}…` : text;
		throw fail(
			`The Recipient "${shown}" contains no digits. A recipient is a phone number (WhatsApp), IGSID (Instagram) or PSID (Facebook). ${REPLY_HINT}`,
		);
	}
	return String(value);
}

/**
 * A JSON text parameter (Variables, Components) parsed, or undefined when it is empty and
 * `optional`. A value an expression already turned into an object or array is used as is.
 */
export function parsedJsonField(
	this: IExecuteFunctions,
	name: string,
	itemIndex: number,
	field: { label: string; example: string; optional?: boolean },
): IDataObject | IDataObject[] | undefined {
	const value: unknown = this.getNodeParameter(name, itemIndex, '');
	if (typeof value !== 'string') return value as IDataObject;
	if (field.optional && value.trim() === '') return undefined;
	try {
		return JSON.parse(value) as IDataObject;
	} catch (error) {
		const reason = error instanceof Error ? error.message : 'invalid JSON';
		throw new NodeOperationError(
			this.getNode(),
			`The ${field.label} field is not valid JSON (${reason}). Write it like ${field.example}.`,
			{ itemIndex },
		);
	}
}
