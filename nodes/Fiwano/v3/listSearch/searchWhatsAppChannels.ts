import type { ILoadOptionsFunctions, INodeListSearchResult, INodeProperties } from 'n8n-workflow';

import { channelLabel } from '../../../shared/channels';
import { fiwanoApiRequest } from '../../../shared/transport';

type Channel = Parameters<typeof channelLabel>[0];

/**
 * Active WhatsApp channels only: the ones that can have and send templates. Instagram,
 * Messenger and inactive channels would only fail later, so they are not offered.
 */
export async function searchWhatsAppChannels(
	this: ILoadOptionsFunctions,
	filter?: string,
): Promise<INodeListSearchResult> {
	const { channels } = await fiwanoApiRequest.call<
		ILoadOptionsFunctions,
		Parameters<typeof fiwanoApiRequest>,
		Promise<{ channels: Channel[] }>
	>(this, 'GET', '/channels');
	const needle = filter?.trim().toLowerCase();
	return {
		results: channels
			.filter((channel) => channel.channel_type === 'whatsapp' && channel.is_active)
			.map((channel) => ({ name: channelLabel(channel), value: channel.id }))
			.filter(({ name, value }) => !needle || `${name} ${value}`.toLowerCase().includes(needle)),
	};
}

/** The same channel locator, its list limited to active WhatsApp channels (saved values unchanged). */
export function whatsAppOnly(locator: INodeProperties): INodeProperties {
	return {
		...locator,
		modes: locator.modes?.map((mode) =>
			mode.name === 'list'
				? {
						...mode,
						typeOptions: { ...mode.typeOptions, searchListMethod: 'searchWhatsAppChannels' },
					}
				: mode,
		),
	};
}
