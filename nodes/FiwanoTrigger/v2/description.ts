import type { INodeProperties } from 'n8n-workflow';

import { CHANNEL_TYPES, channelLocator, WEBHOOK_EVENTS } from '../../shared/channels';
import { MESSAGE_TYPES } from './filters';

const byName = <T extends { name: string }>(options: T[]): T[] =>
	[...options].sort((a, b) => a.name.localeCompare(b.name));

const capitalize = (value: string) => value.charAt(0).toUpperCase() + value.slice(1);

/** Message Received first (what most workflows start on), then the rest by name. */
const TRIGGER_EVENTS = [
	...WEBHOOK_EVENTS.filter(({ value }) => value === 'message.received'),
	...byName(WEBHOOK_EVENTS.filter(({ value }) => value !== 'message.received')),
];

export const triggerProperties: INodeProperties[] = [
	{
		displayName: 'Trigger On',
		name: 'events',
		type: 'multiOptions',
		required: true,
		default: ['message.received'],
		options: TRIGGER_EVENTS,
		description:
			'Events that start the workflow. Sent and Failed exist on WhatsApp only; Echo (messages your team sent from the WhatsApp Business app on Coexistence numbers, or the Instagram or Page inbox) is delivered only while selected. Automatic setup subscribes each channel to the events its type supports.',
	},
	{
		displayName: 'Webhook Setup',
		name: 'webhookSetup',
		type: 'options',
		noDataExpression: true,
		default: 'manual',
		options: [
			{
				name: 'Automatic for All Active Channels',
				value: 'allChannels',
				description:
					'On activation, point every active channel that has no webhook (or already uses this one) at this trigger',
			},
			{
				name: 'Automatic for Selected Channels',
				value: 'selectedChannels',
				description:
					'On activation, point the chosen channels at this trigger; clear them on deactivation',
			},
			{
				name: 'Manual',
				value: 'manual',
				description:
					"Copy this node's webhook URL into the channel settings of the Fiwano portal yourself",
			},
		],
		description: 'How Fiwano channels are pointed at this trigger',
	},
	{
		displayName:
			"Copy the Production URL above into Webhook URL in the channel settings of the Fiwano portal, select the same events there, and enter the channel's webhook secret below (or in the credential)",
		name: 'manualNotice',
		type: 'notice',
		default: '',
		displayOptions: { show: { webhookSetup: ['manual'] } },
	},
	{
		displayName:
			'Add at least one channel below. Without one, publishing this workflow fails: automatic setup for selected channels only wires the channels listed here.',
		name: 'noChannelNotice',
		type: 'notice',
		default: '',
		// Conditions name top-level parameters with plain values only: n8n 1.x cannot resolve a
		// nested path such as channelIds.channel and then refuses to publish the workflow. An entry
		// without a channel is a required-parameter issue on the canvas.
		displayOptions: { show: { webhookSetup: ['selectedChannels'] } },
	},
	{
		displayName: 'Channels',
		name: 'channelIds',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Channel',
		default: {},
		displayOptions: { show: { webhookSetup: ['selectedChannels'] } },
		description: 'Channels to point at this trigger on activation',
		options: [
			{
				displayName: 'Channel',
				name: 'channel',
				values: [
					{
						...channelLocator,
						description: 'A channel to wire to this trigger',
					},
				],
			},
		],
	},
	{
		displayName: 'Webhook Secret',
		name: 'secret',
		type: 'string',
		typeOptions: { password: true },
		default: '',
		description:
			"Secret Fiwano signs deliveries with (at most 64 characters). Stored unencrypted in the workflow (and in each execution's copy of it): prefer the credential's Webhook Secret, which n8n stores encrypted. Empty: the credential's Webhook Secret is used, and automatic setup derives a strong per-trigger secret from the credential when that is empty too (nothing is stored).",
	},
	{
		displayName:
			"No Webhook Secret in this node: unless the credential's Webhook Secret holds the channel's secret (or the option Allow Unsigned Deliveries is on), every delivery is refused (401). Enter the secret shown in the channel settings of the Fiwano portal in the credential (stored encrypted) or here.",
		name: 'noSecretNotice',
		type: 'notice',
		default: '',
		// The editor never sees credential data, so this shows whenever the node has no secret.
		// Top-level plain values only (see noChannelNotice).
		displayOptions: { show: { webhookSetup: ['manual'], secret: [''] } },
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Allow Unsigned Deliveries',
				name: 'allowUnsigned',
				type: 'boolean',
				default: false,
				description:
					'Whether to accept deliveries without an X-Webhook-Signature header. Warning: anyone who knows the URL can then start the workflow with made-up messages. A delivery that is signed is still checked.',
			},
			{
				displayName: 'Binary Property',
				name: 'binaryPropertyName',
				type: 'string',
				default: 'data',
				description:
					'Name of the binary field the downloaded media is put in (with Download Media on)',
			},
			{
				displayName: 'Channel Names or IDs',
				name: 'channels',
				type: 'multiOptions',
				typeOptions: { loadOptionsMethod: 'getChannels' },
				default: [],
				description:
					'Only start for events of these channels. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
			},
			{
				displayName: 'Channel Types',
				name: 'channelTypes',
				type: 'multiOptions',
				default: [],
				options: CHANNEL_TYPES,
				description: 'Only start for events of these channel types',
			},
			{
				displayName: 'Download Media',
				name: 'downloadMedia',
				type: 'boolean',
				default: false,
				description:
					'Whether to download the file of a received media message (Pro) into binary data. The answer to Fiwano is sent first; a failed download still emits the event, with the reason in media_download_error. Echoes carry no file.',
			},
			{
				displayName: 'Message Types',
				name: 'messageTypes',
				type: 'multiOptions',
				default: [],
				options: MESSAGE_TYPES.map((type) => ({
					name: capitalize(type),
					value: type,
				})),
				description:
					'Only start for received and echoed messages of these types (Voice is a voice note, Audio an audio file). Status events are not filtered by type.',
			},
			{
				displayName: 'Previous Secret',
				name: 'previousSecret',
				type: 'string',
				typeOptions: { password: true },
				default: '',
				description:
					"During a secret rotation, deliveries signed with this old secret are accepted too. Stored unencrypted in the workflow: remove it once the rotation is done (the credential's Webhook Secret is the encrypted place for the current secret).",
			},
			{
				displayName: 'Take Over Channels',
				name: 'takeOverChannels',
				type: 'boolean',
				default: false,
				displayOptions: { show: { '/webhookSetup': ['allChannels'] } },
				description:
					"Whether to also rewire active channels whose webhook points at another URL. Their URL and events are remembered and given back on deactivation; their secret cannot be (Fiwano never returns a secret), so afterwards it is this trigger's until you enter the old one in the Fiwano portal. Off: they are left alone.",
			},
		],
	},
];
