import type { ILoadOptionsFunctions, INodeListSearchResult, INodeProperties } from 'n8n-workflow';

import { fiwanoApiRequest } from './transport';

interface Channel {
	id: string;
	channel_type: string;
	name?: string | null;
	is_active: boolean;
	phone_number?: string | null;
	ig_username?: string | null;
	page_id?: string | null;
}

const TYPE_LABEL: Record<string, string> = {
	whatsapp: 'WhatsApp',
	instagram: 'Instagram',
	facebook: 'Messenger',
};

/** "My Business · WhatsApp +1234567890 (inactive)" */
export function channelLabel(channel: Channel): string {
	const handle =
		channel.phone_number ?? (channel.ig_username ? `@${channel.ig_username}` : channel.page_id);
	const type = TYPE_LABEL[channel.channel_type] ?? channel.channel_type;
	const parts = [channel.name || channel.id, [type, handle].filter(Boolean).join(' ')];
	return `${parts.join(' · ')}${channel.is_active ? '' : ' (inactive)'}`;
}

/**
 * Channels as list-search results, active first (they are the ones that can send), narrowed
 * by the text typed in the list and by `keep` (e.g. active WhatsApp channels only).
 */
export async function channelResults(
	context: ILoadOptionsFunctions,
	filter: string | undefined,
	keep: (channel: Channel) => boolean = () => true,
): Promise<INodeListSearchResult> {
	const { channels } = await fiwanoApiRequest.call<
		ILoadOptionsFunctions,
		Parameters<typeof fiwanoApiRequest>,
		Promise<{ channels: Channel[] }>
	>(context, 'GET', '/channels');
	const needle = filter?.trim().toLowerCase();
	const results = channels
		.filter(keep)
		.map((channel) => ({ name: channelLabel(channel), value: channel.id, channel }))
		.filter(({ name, value }) => !needle || `${name} ${value}`.toLowerCase().includes(needle))
		.sort((a, b) => Number(b.channel.is_active) - Number(a.channel.is_active))
		.map(({ name, value }) => ({ name, value }));
	return { results };
}

export async function searchChannels(
	this: ILoadOptionsFunctions,
	filter?: string,
): Promise<INodeListSearchResult> {
	return await channelResults(this, filter);
}

export const channelLocator: INodeProperties = {
	displayName: 'Channel',
	name: 'channelId',
	type: 'resourceLocator',
	default: { mode: 'list', value: '' },
	required: true,
	description:
		'The Fiwano channel (WhatsApp number, Instagram account or Facebook Page) to use. When replying to a Fiwano Trigger event, use the channel_id field of the event.',
	modes: [
		{
			displayName: 'From List',
			name: 'list',
			type: 'list',
			placeholder: 'Select a channel...',
			typeOptions: {
				searchListMethod: 'searchChannels',
				searchable: true,
			},
		},
		{
			displayName: 'By ID',
			name: 'id',
			type: 'string',
			placeholder: 'e.g. a1b2c3d4e5f67890',
			validation: [
				{
					type: 'regex',
					properties: {
						regex: '^[A-Za-z0-9_-]+$',
						errorMessage: 'A channel ID has only letters, digits, _ and -',
					},
				},
			],
		},
	],
};

export const CHANNEL_TYPES = [
	{ name: 'Facebook Messenger', value: 'facebook' },
	{ name: 'Instagram', value: 'instagram' },
	{ name: 'WhatsApp', value: 'whatsapp' },
];

export const WEBHOOK_EVENTS = [
	{
		name: 'Message Received',
		value: 'message.received',
		description: 'A user wrote to the channel (all channel types)',
	},
	{
		name: 'Message Sent',
		value: 'message.sent',
		description: 'Meta accepted your message (WhatsApp only)',
	},
	{
		name: 'Message Delivered',
		value: 'message.delivered',
		description: "Your message reached the recipient's device",
	},
	{
		name: 'Message Read',
		value: 'message.read',
		description: 'The recipient read your message (if read receipts are on)',
	},
	{
		name: 'Message Failed',
		value: 'message.failed',
		description: 'Delivery failed (WhatsApp only)',
	},
	{
		name: 'Message Echo',
		value: 'message.echo',
		description:
			'Copy of a message your business sent outside Fiwano (WhatsApp Business app on Coexistence numbers, Instagram or Page inbox), e.g. for human handover',
	},
];

/** Events Fiwano accepts per channel type (a PATCH with others is refused). */
export const EVENTS_BY_CHANNEL_TYPE: Record<string, string[]> = {
	whatsapp: WEBHOOK_EVENTS.map(({ value }) => value),
	instagram: ['message.received', 'message.delivered', 'message.read', 'message.echo'],
	facebook: ['message.received', 'message.delivered', 'message.read', 'message.echo'],
};
