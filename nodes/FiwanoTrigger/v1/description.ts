import type { INodeProperties } from 'n8n-workflow';

/**
 * Parameters of the published 1.x trigger. Names, option values and defaults are a contract
 * with saved workflows: never rename or re-default them. Option arrays are in alphabetical
 * order (n8n's scanner requires it); the order does not affect what is saved.
 */
export const triggerV1Properties: INodeProperties[] = [
	{
		displayName: 'Webhook Auto-Setup',
		name: 'autoSetup',
		type: 'options',
		options: [
			{
				name: 'All Active Channels',
				value: 'all',
				description:
					'On activation, point every active channel that has no webhook (or already uses this one) at this trigger. Channels wired to another URL are left alone.',
			},
			{
				name: 'Manual',
				value: 'manual',
				description: 'You set the webhook URL on the channel yourself (no credential needed)',
			},
			{
				name: 'Specific Channel',
				value: 'channel',
				description:
					'On activation, point one channel at this trigger, even if it had another webhook',
			},
		],
		default: 'manual',
		description:
			"How this trigger's Production URL gets registered on your Fiwano channels. The automatic modes need a Fiwano API credential and an HTTPS Production URL that Fiwano can reach (n8n's WEBHOOK_URL setting when self-hosted).",
	},
	{
		displayName: 'Channel ID',
		name: 'channelId',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. a1b2c3d4e5f67890',
		description: 'The channel to register this trigger on',
		displayOptions: { show: { autoSetup: ['channel'] } },
	},
	{
		displayName: 'Webhook Secret',
		name: 'webhookSecret',
		type: 'string',
		typeOptions: { password: true },
		default: '',
		description:
			"Secret that signs deliveries (HMAC-SHA256). Empty: the credential's Webhook Secret is used. In the automatic modes the secret is also written to the channels, and when neither is set the trigger registers a strong secret of its own.",
	},
	{
		displayName: 'Event Types',
		name: 'events',
		type: 'multiOptions',
		options: [
			{
				name: 'Message Delivered',
				value: 'message.delivered',
				description: "Your message reached the recipient's device",
			},
			{
				name: 'Message Echo',
				value: 'message.echo',
				description:
					'Copy of a message your business sent outside Fiwano (WhatsApp Coexistence numbers only)',
			},
			{
				name: 'Message Failed',
				value: 'message.failed',
				description: 'Delivery failed (WhatsApp only)',
			},
			{
				name: 'Message Read',
				value: 'message.read',
				description: 'The recipient read your message',
			},
			{
				name: 'Message Received',
				value: 'message.received',
				description: 'A user wrote to the channel',
			},
			{
				name: 'Message Sent',
				value: 'message.sent',
				description: 'Meta accepted your message (WhatsApp only)',
			},
		],
		default: ['message.received'],
		description:
			"Events that start the workflow. Automatic setup writes them onto the channels. Empty: every event starts the workflow and the channels' events are left unchanged.",
	},
	{
		displayName:
			"Manual mode: set this node's Production URL as the channel's webhook, in the Fiwano portal or with the Fiwano node's Update operation, and use the same Webhook Secret on both sides",
		name: 'setupNotice',
		type: 'notice',
		default: '',
		displayOptions: { show: { autoSetup: ['manual'] } },
	},
	{
		displayName:
			"Without a Webhook Secret here or in the credential, deliveries are accepted unsigned: anyone who knows the URL can start this workflow. To verify them, enter a secret in the credential's Webhook Secret and the same secret in the channel settings of the Fiwano portal.",
		name: 'unsignedNotice',
		type: 'notice',
		default: '',
		displayOptions: { show: { autoSetup: ['manual'], webhookSecret: [''] } },
	},
];
