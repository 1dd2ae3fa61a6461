import type { INodeProperties } from 'n8n-workflow';

import { WEBHOOK_EVENTS } from '../../../../shared/channels';

/** Webhook URL, secret, events and echo statuses: shared by Exchange OAuth Code and Update. */
export const webhookFields: INodeProperties[] = [
	{
		displayName: 'Echo Statuses',
		name: 'echoStatuses',
		type: 'boolean',
		default: false,
		description:
			'Whether Fiwano also sends Delivered, Read and Failed statuses for echoed messages (messages your team sent outside Fiwano), filtered by Webhook Events like other statuses. Instagram echoes get Read only.',
		routing: { send: { type: 'body', property: 'echo_statuses' } },
	},
	{
		displayName: 'Webhook Events',
		name: 'webhookEvents',
		type: 'multiOptions',
		default: [],
		options: WEBHOOK_EVENTS,
		description:
			'Events Fiwano delivers to the webhook URL. None are delivered until chosen. Instagram and Messenger support only Received, Delivered, Read and Echo; on WhatsApp, Echo needs a Coexistence number. An empty list disables all events.',
		routing: { send: { type: 'body', property: 'webhook_events' } },
	},
	{
		displayName: 'Webhook Secret',
		name: 'webhookSecret',
		type: 'string',
		typeOptions: { password: true },
		default: '',
		description:
			"HMAC secret Fiwano signs deliveries with, at most 64 characters. Left empty while setting a URL, the credential's Webhook Secret is used when it has one. The secret is never shown in the output.",
		routing: { send: { type: 'body', property: 'webhook_secret' } },
	},
	{
		displayName: 'Webhook URL',
		name: 'webhookUrl',
		type: 'string',
		default: '',
		placeholder: 'e.g. https://n8n.example.com/webhook/fiwano',
		description:
			'HTTPS URL, reachable from the internet (not localhost), that receives message and status events (e.g. a Fiwano Trigger URL)',
		routing: { send: { type: 'body', property: 'webhook_url' } },
	},
];
