import type { INodeProperties } from 'n8n-workflow';

import { CHANNEL_TYPES } from '../../../../shared/channels';

const show = { resource: ['channel'], operation: ['generateOAuthUrl'] };

export const channelGenerateOAuthUrlDescription: INodeProperties[] = [
	{
		displayName: 'Channel Type',
		name: 'channelType',
		type: 'options',
		required: true,
		default: 'whatsapp',
		displayOptions: { show },
		options: CHANNEL_TYPES,
		description: 'Kind of account your client will connect',
		routing: { send: { type: 'body', property: 'channel_type' } },
	},
	{
		displayName: 'Redirect URI',
		name: 'redirectUri',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. https://yourapp.com/callback',
		displayOptions: { show },
		description:
			'Where the client lands after Meta sign-in, with ?code=... to exchange. It must match an allowed redirect URI (Redirect URI > Add).',
		routing: { send: { type: 'body', property: 'redirect_uri' } },
	},
];
