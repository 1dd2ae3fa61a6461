import type { INodeProperties } from 'n8n-workflow';

import { failedSendAsDataOption, recipientField } from '../../shared/descriptions';

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
			'The message text. Limits: WhatsApp 4096, Messenger 2000, Instagram 1000 characters.',
		routing: { send: { type: 'body', property: 'text' } },
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: { show },
		options: [failedSendAsDataOption],
	},
];
