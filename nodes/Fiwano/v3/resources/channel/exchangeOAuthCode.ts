import type { INodeProperties } from 'n8n-workflow';

import { defaultWebhookSecret } from '../../shared/hooks';
import { checkWebhookSecretLength } from './hooks';
import { webhookFields } from './webhookFields';

const show = { resource: ['channel'], operation: ['exchangeOAuthCode'] };

export const channelExchangeCodeDescription: INodeProperties[] = [
	{
		displayName: 'Code',
		name: 'code',
		type: 'string',
		typeOptions: { password: true },
		required: true,
		default: '',
		placeholder: 'e.g. {{ $json.query.code }}',
		displayOptions: { show },
		description:
			'One-time code from the redirect URI (?code=...). It expires after 5 minutes and works once.',
		routing: { send: { type: 'body', property: 'code', preSend: [defaultWebhookSecret] } },
	},
	{
		displayName: 'Webhook',
		name: 'webhook',
		type: 'collection',
		placeholder: 'Add Webhook Setting',
		default: {},
		displayOptions: { show },
		options: webhookFields,
		// After the Code field's preSend, which may fill in the credential's secret.
		routing: { send: { preSend: [checkWebhookSecretLength('webhook')] } },
	},
];
