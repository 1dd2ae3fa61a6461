import { NodeConnectionTypes } from 'n8n-workflow';
import type { INodeType, INodeTypeBaseDescription, INodeTypeDescription } from 'n8n-workflow';

import { searchChannels } from '../../shared/channels';
import { CLIENT_HEADERS } from '../../shared/transport';
import { searchRedirects } from './listSearch/searchRedirects';
import { searchApprovedTemplates, searchTemplates } from './listSearch/searchTemplates';
import { searchWhatsAppChannels } from './listSearch/searchWhatsAppChannels';
import { getTemplateVariables } from './resourceMapping/templateVariables';
import { channelDescription } from './resources/channel';
import { contactDescription } from './resources/contact';
import { mediaDescription } from './resources/media';
import { messageDescription } from './resources/message';
import { redirectDescription } from './resources/redirect';
import { subscriptionDescription } from './resources/subscription';
import { templateDescription } from './resources/template';
import { routeRequest } from './shared/routing';

export class FiwanoV3 implements INodeType {
	description: INodeTypeDescription;

	constructor(baseDescription: INodeTypeBaseDescription) {
		this.description = {
			...baseDescription,
			version: 3,
			subtitle: '={{ $parameter["operation"] + ": " + $parameter["resource"] }}',
			defaults: { name: 'Fiwano' },
			usableAsTool: true,
			inputs: [NodeConnectionTypes.Main],
			outputs: [NodeConnectionTypes.Main],
			credentials: [{ name: 'fiwanoApi', required: true }],
			requestDefaults: {
				baseURL: '={{ $credentials.baseUrl.replace(/\\/+$/, "") }}',
				headers: {
					Accept: 'application/json',
					'Content-Type': 'application/json',
					...CLIENT_HEADERS,
				},
				json: true,
				// Error bodies must reach throwOnApiError; the engine would replace them with a generic text.
				ignoreHttpStatusErrors: true,
			},
			// Every item's request goes through routeRequest (retries on 429/503, sends in item
			// order, long text split); see shared/routing.ts for why this engine hook.
			requestOperations: { pagination: routeRequest },
			properties: [
				{
					displayName: 'Resource',
					name: 'resource',
					type: 'options',
					noDataExpression: true,
					options: [
						{ name: 'Channel', value: 'channel' },
						{ name: 'Contact', value: 'contact' },
						{ name: 'Media', value: 'media' },
						{ name: 'Message', value: 'message' },
						{ name: 'Redirect URI', value: 'redirect' },
						{ name: 'Subscription', value: 'subscription' },
						{ name: 'Template', value: 'template' },
					],
					default: 'message',
					// Turns on requestOperations.pagination (routeRequest) for every operation.
					routing: { send: { paginate: true } },
				},
				...messageDescription,
				...mediaDescription,
				...channelDescription,
				...contactDescription,
				...templateDescription,
				...redirectDescription,
				...subscriptionDescription,
			],
		};
	}

	methods = {
		listSearch: {
			searchApprovedTemplates,
			searchChannels,
			searchRedirects,
			searchTemplates,
			searchWhatsAppChannels,
		},
		resourceMapping: {
			getTemplateVariables,
		},
	};
}
