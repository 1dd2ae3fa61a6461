import type { INodeProperties } from 'n8n-workflow';

const showFor = { show: { resource: ['contact'], operation: ['getProfile'] } };

export const contactOperations: INodeProperties = {
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	noDataExpression: true,
	displayOptions: { show: { resource: ['contact'] } },
	options: [
		{
			name: 'Get Profile',
			value: 'getProfile',
			action: 'Get sender profile',
			description: 'Get the profile of an Instagram or Facebook user from Meta',
		},
	],
	default: 'getProfile',
};

export const contactFields: INodeProperties[] = [
	{
		displayName: 'Channel ID',
		name: 'channelId',
		type: 'string',
		default: '',
		required: true,
		description: 'ID of the Instagram or Facebook channel',
		displayOptions: showFor,
	},
	{
		displayName: 'User ID',
		name: 'userId',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. 6543217890123456',
		description: 'IGSID (Instagram) or PSID (Facebook): data.from of a webhook event',
		hint: 'From a Fiwano Trigger, use {{ $json.data.from }}',
		displayOptions: showFor,
	},
	{
		displayName:
			'WhatsApp has no profile lookup: the sender name is in the webhook event (data.from_name)',
		name: 'profileNotice',
		type: 'notice',
		default: '',
		displayOptions: showFor,
	},
];
