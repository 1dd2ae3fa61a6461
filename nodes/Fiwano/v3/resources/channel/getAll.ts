import type { INodeProperties } from 'n8n-workflow';

import { CHANNEL_TYPES } from '../../../../shared/channels';
import { returnAllOrLimit } from '../../shared/descriptions';

const show = { resource: ['channel'], operation: ['getAll'] };

export const channelGetManyDescription: INodeProperties[] = [
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		displayOptions: { show },
		options: [
			{
				displayName: 'Active Only',
				name: 'activeOnly',
				type: 'boolean',
				default: true,
				description: 'Whether to return only channels that can send and receive now',
				routing: {
					output: {
						postReceive: [
							{
								type: 'filter',
								properties: { pass: '={{ !$value || $responseItem.is_active === true }}' },
							},
						],
					},
				},
			},
			{
				displayName: 'Channel Types',
				name: 'channelTypes',
				type: 'multiOptions',
				default: [],
				options: CHANNEL_TYPES,
				description: 'Return only channels of these types',
				routing: {
					output: {
						postReceive: [
							{
								type: 'filter',
								properties: {
									pass: '={{ $value.length === 0 || $value.includes($responseItem.channel_type) }}',
								},
							},
						],
					},
				},
			},
		],
	},
	...returnAllOrLimit(show),
];
