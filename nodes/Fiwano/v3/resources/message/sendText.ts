import type { INodeProperties } from 'n8n-workflow';

import { recipientField, sendOptions } from '../../shared/descriptions';

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
		routing: { send: { type: 'body', property: 'text' } },
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
