import { NodeConnectionTypes } from 'n8n-workflow';
import type { INodeType, INodeTypeBaseDescription, INodeTypeDescription } from 'n8n-workflow';

import { searchChannels } from '../../shared/channels';
import { CREDENTIAL_TEST, fiwanoApiCredentialTest } from '../../shared/credentialTest';
import { CLIENT_HEADERS } from '../../shared/transport';
import { searchRedirects } from './listSearch/searchRedirects';
import { searchApprovedTemplates, searchTemplates } from './listSearch/searchTemplates';
import { searchWhatsAppChannels } from './listSearch/searchWhatsAppChannels';
import { getTemplateVariables } from './resourceMapping/templateVariables';
import { channelDescription } from './resources/channel';
import { contactDescription } from './resources/contact';
import { mediaDescription } from './resources/media';
import { messageDescription, messageOperations } from './resources/message';
import { sendAndWaitWebhook } from './resources/message/sendAndWait/webhook';
import { redirectDescription } from './resources/redirect';
import { subscriptionDescription } from './resources/subscription';
import { templateDescription } from './resources/template';
import { checkKnownOperation, retryRateLimited } from './shared/routing';

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
			credentials: [{ name: 'fiwanoApi', required: true, testedBy: CREDENTIAL_TEST }],
			requestDefaults: {
				// Trailing slashes off; the lookbehind keeps the regex linear on a run of slashes.
				baseURL: '={{ $credentials.baseUrl.replace(/(?<!\\/)\\/+$/, "") }}',
				headers: {
					Accept: 'application/json',
					'Content-Type': 'application/json',
					...CLIENT_HEADERS,
				},
				json: true,
				// Error bodies must reach throwOnApiError; the engine would replace them with a generic text.
				ignoreHttpStatusErrors: true,
			},
			// Declarative operations only: 429/503 retries (see shared/routing.ts). Message sends
			// are customOperations below.
			requestOperations: { pagination: retryRateLimited },
			// Send and Wait's resume link: n8n calls it for an execution waiting at this node.
			webhooks: [
				{
					name: 'default',
					httpMethod: 'GET',
					responseMode: 'onReceived',
					path: '={{ $nodeId }}',
					restartWebhook: true,
					isFullPath: true,
				},
				{
					name: 'default',
					httpMethod: 'POST',
					responseMode: 'onReceived',
					path: '={{ $nodeId }}',
					restartWebhook: true,
					isFullPath: true,
				},
			],
			waitingNodeTooltip:
				'={{ $parameter.operation === "sendAndWait" ? "Execution will continue after the recipient answers" : "" }}',
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
					// Every declarative request: an unknown saved resource/operation fails naming it,
					// and paginate turns on requestOperations.pagination (retries).
					routing: {
						send: {
							preSend: [checkKnownOperation(() => this.description.properties)],
							paginate: true,
						},
					},
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

	customOperations = { message: messageOperations };

	webhook = sendAndWaitWebhook;

	methods = {
		credentialTest: { fiwanoApiCredentialTest },
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
