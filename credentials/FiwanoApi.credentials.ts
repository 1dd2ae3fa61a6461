import type {
	IAuthenticateGeneric,
	Icon,
	ICredentialTestRequest,
	ICredentialType,
	INodeProperties,
} from 'n8n-workflow';

export class FiwanoApi implements ICredentialType {
	name = 'fiwanoApi';

	displayName = 'Fiwano API';

	icon: Icon = { light: 'file:../icons/fiwano.svg', dark: 'file:../icons/fiwano.dark.svg' };

	documentationUrl = 'https://github.com/fiwano/n8n-nodes-fiwano#credentials';

	properties: INodeProperties[] = [
		{
			displayName: 'API Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			required: true,
			default: '',
			placeholder: 'mip_live_...',
			description:
				'API key from the API Keys page of the Fiwano portal. It starts with mip_live_ and is shown only once.',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: 'https://fiwano.com',
			description:
				'Root address of the Fiwano API, without /api/v1. Change it only to use a proxy or a local Fiwano sandbox.',
		},
		{
			displayName: 'Webhook Secret',
			name: 'webhookSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description:
				'Optional account-wide webhook secret. The Fiwano Trigger uses it to verify signatures when the node has no secret of its own.',
		},
	];

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: {
			headers: {
				'X-API-Key': '={{$credentials.apiKey}}',
			},
		},
	};

	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.baseUrl.replace(/\\/+$/, "")}}',
			url: '/api/v1/channels',
			method: 'GET',
			headers: { 'X-Fiwano-Client': 'n8n-nodes-fiwano' },
		},
		rules: [
			{
				type: 'responseCode',
				properties: {
					value: 401,
					message:
						'Fiwano rejected the API key. Copy a valid key (it starts with mip_live_) from the API Keys page of the portal.',
				},
			},
			{
				type: 'responseCode',
				properties: {
					value: 402,
					message:
						'The API key is valid but the Fiwano trial or subscription has ended. Renew it on the Billing page of the portal.',
				},
			},
		],
	};
}
