import type { INodeProperties } from 'n8n-workflow';

const showFor = { show: { resource: ['media'], operation: ['download'] } };

export const mediaOperations: INodeProperties = {
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	noDataExpression: true,
	displayOptions: { show: { resource: ['media'] } },
	options: [
		{
			name: 'Download',
			value: 'download',
			action: 'Download a received media file',
			description: 'Download a file received through a webhook (kept 60 minutes)',
		},
	],
	default: 'download',
};

export const mediaFields: INodeProperties[] = [
	{
		displayName: 'Media ID',
		name: 'mediaId',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. {{ $json.data.media.media_id }}',
		description: 'The data.media.media_id of an inbound message event',
		displayOptions: showFor,
	},
	{
		displayName: 'Binary Property',
		name: 'binaryProperty',
		type: 'string',
		default: 'data',
		required: true,
		description: 'Name of the binary field the downloaded file is put in',
		displayOptions: showFor,
	},
];
