import { NodeConnectionTypes } from 'n8n-workflow';
import type { INodeType, INodeTypeDescription } from 'n8n-workflow';

import { searchChannels } from './listSearch/searchChannels';
import { channelDescription } from './resources/channel';

export class Fiwano implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Fiwano',
		name: 'fiwano',
		icon: { light: 'file:../../icons/fiwano.svg', dark: 'file:../../icons/fiwano.dark.svg' },
		group: ['output'],
		version: 1,
		subtitle: '={{ $parameter["operation"] + ": " + $parameter["resource"] }}',
		description: 'Send and manage WhatsApp, Instagram DM and Facebook Messenger messages with Fiwano',
		defaults: { name: 'Fiwano' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'fiwanoApi', required: true }],
		requestDefaults: {
			baseURL: '={{ $credentials.baseUrl.replace(/\\/+$/, "") }}',
			headers: { Accept: 'application/json', 'Content-Type': 'application/json' },
			json: true,
			// Error bodies must reach throwOnApiError; the engine would replace them with a generic text.
			ignoreHttpStatusErrors: true,
		},
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [
					{ name: 'Channel', value: 'channel' },
				],
				default: 'channel',
			},
			...channelDescription,
		],
	};

	methods = {
		listSearch: {
			searchChannels,
		},
	};
}
