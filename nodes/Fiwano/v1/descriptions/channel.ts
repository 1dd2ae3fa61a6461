import type { INodeProperties } from 'n8n-workflow';

const showFor = (...operation: string[]) => ({ show: { resource: ['channel'], operation } });

export const channelOperations: INodeProperties = {
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	noDataExpression: true,
	displayOptions: { show: { resource: ['channel'] } },
	options: [
		{
			name: 'Deactivate',
			value: 'delete',
			action: 'Deactivate a channel',
			description: 'Stop a channel (soft delete): its ID, history and subscription slot are kept',
		},
		{
			name: 'Exchange OAuth Code',
			value: 'exchangeCode',
			action: 'Exchange a setup code for channel data',
			description: 'Turn the one-time code of the OAuth redirect into a connected channel',
		},
		{
			name: 'Generate OAuth URL',
			value: 'setupUrl',
			action: 'Generate a channel setup link',
			description: 'Create a link that connects (or reconnects) a channel',
		},
		{
			name: 'Get',
			value: 'get',
			action: 'Get a channel',
			description: 'Get one channel',
		},
		{
			name: 'Get Many',
			value: 'getAll',
			action: 'Get many channels',
			description: 'List the connected channels',
		},
		{
			name: 'Update',
			value: 'update',
			action: 'Update a channel',
			description: "Change a channel's webhook, events or subscription",
		},
	],
	default: 'getAll',
};

const webhookEvents = [
	{ name: 'Message Delivered', value: 'message.delivered' },
	{ name: 'Message Echo', value: 'message.echo' },
	{ name: 'Message Failed', value: 'message.failed' },
	{ name: 'Message Read', value: 'message.read' },
	{ name: 'Message Received', value: 'message.received' },
	{ name: 'Message Sent', value: 'message.sent' },
];

const echoStatuses: INodeProperties = {
	displayName: 'Track Echo Statuses',
	name: 'echo_statuses',
	type: 'boolean',
	default: false,
	description:
		'Whether to track delivered, read and failed statuses of echoed messages (only with the Message Echo event)',
};

const webhookUrl: INodeProperties = {
	displayName: 'Webhook URL',
	name: 'webhook_url',
	type: 'string',
	default: '',
	placeholder: 'https://your-n8n.example.com/webhook/…',
	description: 'HTTPS URL that receives the webhook events',
};

const webhookSecret: INodeProperties = {
	displayName: 'Webhook Secret',
	name: 'webhook_secret',
	type: 'string',
	typeOptions: { password: true },
	default: '',
	description:
		"HMAC-SHA256 secret for the signatures (max 64 characters). Empty: the credential's Webhook Secret when a URL is set.",
};

export const channelFields: INodeProperties[] = [
	{
		displayName: 'Channel ID',
		name: 'channelId',
		type: 'string',
		default: '',
		required: true,
		description: 'ID of the channel (from Get Many or the Fiwano portal)',
		displayOptions: showFor('get', 'update', 'delete'),
	},
	{
		displayName: 'Channel Type',
		name: 'channelType',
		type: 'options',
		options: [
			{ name: 'Facebook Messenger', value: 'facebook' },
			{ name: 'Instagram', value: 'instagram' },
			{ name: 'WhatsApp', value: 'whatsapp' },
		],
		default: 'whatsapp',
		required: true,
		description: 'Kind of channel to connect',
		displayOptions: showFor('setupUrl'),
	},
	{
		displayName: 'Redirect URI',
		name: 'redirectUri',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'https://yourapp.com/callback',
		description: 'Where the user lands after connecting; it must be an allowed redirect URI',
		displayOptions: showFor('setupUrl'),
	},
	{
		displayName: 'OAuth Code',
		name: 'code',
		type: 'string',
		default: '',
		required: true,
		description: 'The one-time code of the OAuth redirect (?code=…), valid 5 minutes',
		displayOptions: showFor('exchangeCode'),
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		displayOptions: showFor('exchangeCode'),
		options: [
			echoStatuses,
			webhookUrl,
			webhookSecret,
			{
				displayName: 'Webhook Events',
				name: 'webhook_events',
				type: 'multiOptions',
				default: [],
				description: 'Events to deliver to the webhook URL; none are on unless chosen',
				options: webhookEvents,
			},
		],
	},
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		displayOptions: showFor('update'),
		options: [
			{
				displayName: 'Clear Webhook URL',
				name: 'clear_webhook_url',
				type: 'boolean',
				default: false,
				description:
					'Whether to remove the webhook URL (secret and events are kept); wins over Webhook URL',
			},
			{
				displayName: 'Release Subscription Slot',
				name: 'release_subscription_slot',
				type: 'boolean',
				default: false,
				description:
					'Whether to unbind the deactivated channel from its subscription, freeing the slot; wins over Subscription ID',
			},
			{
				displayName: 'Subscription ID',
				name: 'subscription_id',
				type: 'string',
				default: '',
				placeholder: 'e.g. a1b2c3d4e5f67890',
				description: 'Move the channel to this subscription (from Subscription > Get Many)',
			},
			echoStatuses,
			{
				displayName: 'Webhook Events',
				name: 'webhook_events',
				type: 'multiOptions',
				default: [],
				description: 'Events to deliver; an empty list turns every event off',
				options: webhookEvents,
			},
			webhookSecret,
			webhookUrl,
		],
	},
];
