import type { INodeProperties } from 'n8n-workflow';

import { defaultWebhookSecret } from '../../shared/hooks';
import { webhookFields } from './webhookFields';

const show = { resource: ['channel'], operation: ['update'] };

export const channelUpdateDescription: INodeProperties[] = [
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		displayOptions: { show },
		options: webhookFields,
		routing: { send: { preSend: [defaultWebhookSecret] } },
	},
];
