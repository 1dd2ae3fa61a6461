import type { ILoadOptionsFunctions, INodeListSearchResult, INodeProperties } from 'n8n-workflow';

import { channelResults } from '../../../shared/channels';

/**
 * Active WhatsApp channels only: the ones that can have and send templates. Instagram,
 * Messenger and inactive channels would only fail later, so they are not offered.
 */
export async function searchWhatsAppChannels(
	this: ILoadOptionsFunctions,
	filter?: string,
): Promise<INodeListSearchResult> {
	return await channelResults(
		this,
		filter,
		(channel) => channel.channel_type === 'whatsapp' && channel.is_active,
	);
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
