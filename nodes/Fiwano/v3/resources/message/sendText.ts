import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { fiwanoApiRequest } from '../../../../shared/transport';
import { recipientField, sendOptions } from '../../shared/descriptions';
import { SMALLEST_TEXT_LIMIT, splitText, textLimitFor } from '../../shared/split';
import { codePointLength } from '../../shared/validation';
import { addressOf } from './recipient';
import { postSend } from './sendLoop';

const show = { resource: ['message'], operation: ['sendText'] };

export const messageSendTextDescription: INodeProperties[] = [
	{ ...recipientField, displayOptions: { show } },
	{
		displayName: 'Text',
		name: 'text',
		type: 'string',
		required: true,
		default: '',
		typeOptions: { rows: 4 },
		displayOptions: { show },
		description:
			'The message text to send, as plain text (WhatsApp also renders *bold* and _italic_). Limits per message: WhatsApp 4096, Messenger 2000, Instagram 1000 characters; with the option Split Long Text (on unless turned off) longer text is sent as several messages in order.',
	},
	sendOptions(show, [
		{
			displayName: 'Split Long Text',
			name: 'splitLongText',
			type: 'boolean',
			default: true,
			description:
				"Whether text longer than the channel's limit (WhatsApp 4096, Messenger 2000, Instagram 1000 characters) is sent as several messages, split on paragraph, line, sentence or word boundaries. On unless this option is added and turned off; when off, overlong text fails with the API's error.",
		},
	]),
];

const SEND_PATH = '/messages/send';

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
		error.message = `${error.message} [part ${part} of ${total}]`;
		withDescription.description = `${
			withDescription.description ? `${withDescription.description} ` : ''
		}The long text was split into ${total} messages: ${part - 1} delivered, part ${part} failed, and the remaining ${total - part} were not sent.`;
	}
	return error;
}

/** Sends the parts in order; stops at the first that fails (or that Meta refused, as data). */
async function sendParts(
	context: IExecuteFunctions,
	itemIndex: number,
	body: IDataObject,
	texts: string[],
): Promise<IDataObject> {
	const parts: SentPart[] = [];
	for (const [index, text] of texts.entries()) {
		let answer: IDataObject;
		try {
			answer = await postSend(context, itemIndex, SEND_PATH, { ...body, text });
		} catch (error) {
			throw partFailed(error, index + 1, texts.length);
		}
		parts.push({
			part: index + 1,
			length: codePointLength(text),
			message_id: typeof answer.message_id === 'string' ? answer.message_id : null,
			status: typeof answer.status === 'string' ? answer.status : null,
		});
		// Only reachable with "Return Failed Send as Data": stop, and say what went out.
		if (answer.success === false || answer.status === 'failed') {
			return {
				...answer,
				success: false,
				message_id: parts[0].message_id,
				parts,
				parts_total: texts.length,
				parts_delivered: index,
			};
		}
	}
	const statuses = parts.map((part) => part.status);
	return {
		success: true,
		message_id: parts[0].message_id,
		status: statuses.includes('queued') ? 'queued' : statuses[0],
		parts,
		parts_total: parts.length,
	};
}

/**
 * Send Text for one item. With the option Split Long Text (on by default), text longer than
 * the channel's limit goes out as several messages in order, listed in one output item. Text
 * within the smallest limit (1000) is sent as is, without looking the channel up.
 * `channelTypes` lives for one node run: each channel is looked up at most once.
 */
export function sendTextItem(
	context: IExecuteFunctions,
	channelTypes: Map<string, Promise<string>>,
) {
	return async (itemIndex: number): Promise<IDataObject> => {
		const body: IDataObject = {
			...addressOf(context, itemIndex),
			text: context.getNodeParameter('text', itemIndex),
		};
		const text = typeof body.text === 'string' ? body.text : '';
		const split = context.getNodeParameter('options.splitLongText', itemIndex, true) as boolean;
		if (!split || codePointLength(text) <= SMALLEST_TEXT_LIMIT) {
			return await postSend(context, itemIndex, SEND_PATH, body);
		}
		const channelId = String(body.channel_id);
		let channelType = channelTypes.get(channelId);
		if (!channelType) {
			channelType = fiwanoApiRequest
				.call(context, 'GET', `/channels/${encodeURIComponent(channelId)}`)
				.then((channel) => String((channel as IDataObject).channel_type ?? ''));
			channelTypes.set(channelId, channelType);
			channelType.catch(() => channelTypes.delete(channelId));
		}
		const limit = textLimitFor(await channelType);
		if (codePointLength(text) <= limit) return await postSend(context, itemIndex, SEND_PATH, body);
		return await sendParts(context, itemIndex, body, splitText(text, limit));
	};
}
