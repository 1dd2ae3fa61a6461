import type { INodeProperties } from 'n8n-workflow';

import { recipientField, sendOptions } from '../../shared/descriptions';
import { validateMediaMessage } from '../../shared/validation';

const show = { resource: ['message'], operation: ['sendMedia'] };

export const messageSendMediaDescription: INodeProperties[] = [
	{ ...recipientField, displayOptions: { show } },
	{
		displayName: 'Media Type',
		name: 'mediaType',
		type: 'options',
		required: true,
		default: 'image',
		displayOptions: { show },
		options: [
			{ name: 'Audio', value: 'audio' },
			{ name: 'Document', value: 'document' },
			{ name: 'Image', value: 'image' },
			{ name: 'Video', value: 'video' },
		],
		description: 'Kind of file at the media URL',
		routing: { send: { type: 'body', property: 'media_type' } },
	},
	{
		displayName: 'Media URL',
		name: 'mediaUrl',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. https://my-bucket.s3.amazonaws.com/photo.jpg?X-Amz-Signature=...',
		displayOptions: { show },
		description:
			'Public or signed HTTPS URL of the file, at most 2048 characters, without credentials in it. Meta downloads it directly.',
		routing: {
			send: { type: 'body', property: 'media_url', preSend: [validateMediaMessage] },
		},
	},
	sendOptions(show, [
		{
			displayName: 'Caption',
			name: 'caption',
			type: 'string',
			default: '',
			typeOptions: { rows: 2 },
			description: 'Caption shown with a WhatsApp image, video or document, at most 1024 characters',
			routing: { send: { type: 'body', property: 'caption' } },
		},
		{
			displayName: 'File Name',
			name: 'filename',
			type: 'string',
			default: '',
			placeholder: 'e.g. invoice.pdf',
			description: 'File name shown for a WhatsApp document, at most 255 characters',
			routing: { send: { type: 'body', property: 'filename' } },
		},
	]),
];
