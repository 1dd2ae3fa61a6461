import type { INodeProperties } from 'n8n-workflow';

import { returnAllOrLimit } from '../../shared/descriptions';

const show = { resource: ['template'], operation: ['getAll'] };

export const templateGetManyDescription: INodeProperties[] = [
	...returnAllOrLimit(show),
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		displayOptions: { show },
		options: [
			{
				displayName: 'Status',
				name: 'status',
				type: 'options',
				default: 'APPROVED',
				options: [
					{ name: 'Approved', value: 'APPROVED' },
					{ name: 'Pending', value: 'PENDING' },
					{ name: 'Rejected', value: 'REJECTED' },
				],
				description: 'Return only templates with this review status',
				routing: { send: { type: 'query', property: 'status' } },
			},
			{
				displayName: 'Sync From Meta',
				name: 'sync',
				type: 'boolean',
				default: true,
				description: 'Whether to sync templates from Meta first (slower) instead of returning the cached list',
				routing: { send: { type: 'query', property: 'sync', value: '={{ $value ? "true" : "false" }}' } },
			},
		],
	},
];
