import type { INodeProperties } from 'n8n-workflow';

import { channelLocator } from '../../../../shared/channels';
import { checkApiErrors, listOutput, pathId } from '../../shared/descriptions';
import { deletedResult, throwOnApiError, redactWebhookSecret } from '../../shared/hooks';
import { channelExchangeCodeDescription } from './exchangeOAuthCode';
import { channelGenerateOAuthUrlDescription } from './generateOAuthUrl';
import { channelGetManyDescription } from './getAll';
import { throwOnSetupUrlError } from './hooks';
import { channelUpdateDescription } from './update';

const showOnlyForChannels = { resource: ['channel'] };

export const channelDescription: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: showOnlyForChannels },
		options: [
			{
				name: 'Delete',
				value: 'delete',
				action: 'Deactivate a channel',
				description:
					'Deactivate a channel (soft delete): it stops sending and receiving until reconnected through OAuth',
				routing: {
					request: { method: 'DELETE', url: `=/api/v1/channels/${pathId('channelId')}` },
					output: { postReceive: [throwOnApiError, deletedResult('channelId', 'channel_id')] },
				},
			},
			{
				name: 'Exchange OAuth Code',
				value: 'exchangeOAuthCode',
				action: 'Exchange an authorization code for a channel',
				description:
					'Turn the one-time code from the OAuth redirect into a connected channel, optionally setting its webhook',
				routing: {
					request: { method: 'POST', url: '/api/v1/channels/exchange-code' },
					output: { postReceive: [throwOnApiError, redactWebhookSecret] },
				},
			},
			{
				name: 'Generate OAuth URL',
				value: 'generateOAuthUrl',
				action: 'Generate a channel setup link',
				description:
					'Create a setup URL (valid 10 minutes) where your client connects their WhatsApp, Instagram or Facebook account',
				routing: {
					request: { method: 'POST', url: '/api/v1/channels/setup-url' },
					output: { postReceive: [throwOnSetupUrlError] },
				},
			},
			{
				name: 'Get',
				value: 'get',
				action: 'Get a channel',
				description: 'Get a channel with its identifiers, webhook settings and subscription',
				routing: {
					request: { method: 'GET', url: `=/api/v1/channels/${pathId('channelId')}` },
					output: checkApiErrors,
				},
			},
			{
				name: 'Get Many',
				value: 'getAll',
				action: 'Get many channels',
				description: 'List the channels of the account, active and inactive',
				routing: {
					request: { method: 'GET', url: '/api/v1/channels' },
					output: listOutput('channels'),
				},
			},
			{
				name: 'Update',
				value: 'update',
				action: 'Update a channel webhook',
				description:
					"Set the channel's webhook URL, secret, events and echo statuses, move it to another subscription or release its slot",
				routing: {
					request: { method: 'PATCH', url: `=/api/v1/channels/${pathId('channelId')}` },
					output: { postReceive: [throwOnApiError, redactWebhookSecret] },
				},
			},
		],
		default: 'getAll',
	},
	{
		...channelLocator,
		displayOptions: { show: { ...showOnlyForChannels, operation: ['get', 'update', 'delete'] } },
	},
	...channelGetManyDescription,
	...channelGenerateOAuthUrlDescription,
	...channelExchangeCodeDescription,
	...channelUpdateDescription,
];
