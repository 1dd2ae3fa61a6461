import type { INodeProperties } from 'n8n-workflow';

import { componentFields } from './components';

const show = { resource: ['template'], operation: ['update'] };

export const templateUpdateDescription: INodeProperties[] = [
	...componentFields(show),
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		displayOptions: { show },
		options: [
			{
				displayName: 'Category',
				name: 'category',
				type: 'options',
				default: 'UTILITY',
				options: [
					{ name: 'Authentication', value: 'AUTHENTICATION' },
					{ name: 'Marketing', value: 'MARKETING' },
					{ name: 'Utility', value: 'UTILITY' },
				],
				description: 'New category; only REJECTED or PAUSED templates can change it',
				routing: { send: { type: 'body', property: 'category' } },
			},
		],
	},
];
