import type { INodeProperties } from 'n8n-workflow';

import { checkApiErrors } from '../../shared/descriptions';

export const subscriptionDescription: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['subscription'] } },
		options: [
			{
				name: 'Get Many',
				value: 'getAll',
				action: 'Get many subscriptions',
				description:
					"List the account's subscriptions and free channel slots (available_slots.TYPE.total above 0 means a channel of that type can be connected; assigned_channels shows which channel holds each slot). The answer is output as one item, as the API sends it.",
				// The answer's envelope is not documented: it is passed through unchanged.
				routing: {
					request: { method: 'GET', url: '/api/v1/subscriptions' },
					output: checkApiErrors,
				},
			},
		],
		default: 'getAll',
	},
];
