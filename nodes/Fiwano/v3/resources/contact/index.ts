import type { INodeProperties } from 'n8n-workflow';

import { channelLocator } from '../../../../shared/channels';
import { pathId } from '../../shared/descriptions';
import { explainWhatsAppProfile } from './getProfile';

const show = { resource: ['contact'], operation: ['getProfile'] };

export const contactDescription: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['contact'] } },
		options: [
			{
				name: 'Get Profile',
				value: 'getProfile',
				action: 'Get a sender profile',
				description:
					'Get the name and profile picture of an Instagram or Messenger user who wrote to the channel',
				routing: {
					request: {
						method: 'GET',
						url: `=/api/v1/channels/${pathId('channelId')}/profile/${pathId('userId')}`,
					},
					output: { postReceive: [explainWhatsAppProfile] },
				},
			},
		],
		default: 'getProfile',
	},
	{ ...channelLocator, displayOptions: { show } },
	{
		displayName: 'User ID',
		name: 'userId',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. 6543217890123456',
		displayOptions: { show },
		description:
			'IGSID (Instagram) or PSID (Messenger) of the sender: the data.from field of a Fiwano Trigger event. WhatsApp has no profile endpoint; its events carry data.from_name.',
	},
];
