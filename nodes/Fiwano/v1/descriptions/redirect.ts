import type { INodeProperties } from 'n8n-workflow';

export const redirectOperations: INodeProperties = {
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	noDataExpression: true,
	displayOptions: { show: { resource: ['redirect'] } },
	options: [
		{
			name: 'Add',
			value: 'add',
			action: 'Add an allowed redirect',
			description: 'Allow an OAuth redirect URI',
		},
		{
			name: 'Delete',
			value: 'delete',
			action: 'Delete an allowed redirect',
			description: 'Remove an allowed redirect URI',
		},
		{
			name: 'Get Many',
			value: 'getAll',
			action: 'Get many allowed redirects',
			description: 'List the allowed OAuth redirect URIs',
		},
	],
	default: 'getAll',
};

export const redirectFields: INodeProperties[] = [
	{
		displayName: 'URI Pattern',
		name: 'uriPattern',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'https://yourapp.com/callback',
		description: 'HTTPS URL or wildcard pattern such as https://*.example.com/callback',
		displayOptions: { show: { resource: ['redirect'], operation: ['add'] } },
	},
	{
		displayName: 'Redirect ID',
		name: 'redirectId',
		type: 'string',
		default: '',
		required: true,
		description: 'ID of the redirect URI entry to remove',
		displayOptions: { show: { resource: ['redirect'], operation: ['delete'] } },
	},
];
