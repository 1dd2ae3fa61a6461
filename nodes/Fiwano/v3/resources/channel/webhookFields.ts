import type { INodeProperties } from 'n8n-workflow';

import { WEBHOOK_EVENTS } from '../../../../shared/channels';

/** Webhook URL, secret and events: shared by Exchange OAuth Code and Update. */
export const webhookFields: INodeProperties[] = [
	{
		displayName: 'Webhook Events',
		name: 'webhookEvents',
		type: 'multiOptions',
		default: [],
		options: WEBHOOK_EVENTS,
		description:
			'Events Fiwano delivers to the webhook URL. None are delivered until chosen. Instagram and Messenger support only Received, Delivered and Read. An empty list disables all events.',
		routing: { send: { type: 'body', property: 'webhook_events' } },
	},
	{
		displayName: 'Webhook Secret',
		name: 'webhookSecret',
		type: 'string',
		typeOptions: { password: true },
		default: '',
		description:
			"HMAC secret Fiwano signs deliveries with. Left empty while setting a URL, the credential's Webhook Secret is used when it has one. The secret is never shown in the output.",
		routing: { send: { type: 'body', property: 'webhook_secret' } },
	},
	{
		displayName: 'Webhook URL',
		name: 'webhookUrl',
		type: 'string',
		default: '',
		placeholder: 'e.g. https://n8n.example.com/webhook/fiwano',
		description: 'HTTPS URL that receives message and status events (e.g. a Fiwano Trigger URL)',
		routing: { send: { type: 'body', property: 'webhook_url' } },
	},
];
