import type { ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { fiwanoApiRequest } from '../shared/transport';

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

export async function searchChannels(
	this: ILoadOptionsFunctions,
	filter?: string,
): Promise<INodeListSearchResult> {
	const { channels } = await fiwanoApiRequest.call<
		ILoadOptionsFunctions,
		Parameters<typeof fiwanoApiRequest>,
		Promise<{ channels: Channel[] }>
	>(this, 'GET', '/channels');
	const needle = filter?.trim().toLowerCase();
	const results = channels
		.map((channel) => ({ name: channelLabel(channel), value: channel.id, channel }))
		.filter(({ name, value }) => !needle || `${name} ${value}`.toLowerCase().includes(needle))
		// Active channels first: they are the ones that can send.
		.sort((a, b) => Number(b.channel.is_active) - Number(a.channel.is_active))
		.map(({ name, value }) => ({ name, value }));
	return { results };
}
