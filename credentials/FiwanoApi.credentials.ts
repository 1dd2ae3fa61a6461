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

	/**
	 * No declarative test on purpose: n8n prefers it over a node's, and n8n 1.x drops its status
	 * rules (a wrong key showed n8n's generic text). Every node version that uses this credential
	 * tests it instead (testedBy: nodes/shared/credentialTest.ts), with the same messages on 1.x
	 * and 2.x. Declared, not set, so lint's credential-test-required rule, which cannot see the
	 * testedBy of versioned nodes, knows the test was considered.
	 */
	test?: ICredentialTestRequest;
}
