import type { INodeProperties } from 'n8n-workflow';

// Published 1.x parameters: names, types, defaults and option values are a saved-workflow contract.
const show = { resource: ['message'] };
const showFor = (operation: string) => ({
	show: { resource: ['message'], operation: [operation] },
});

export const messageOperations: INodeProperties = {
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	noDataExpression: true,
	displayOptions: { show },
	options: [
		{
			name: 'Send Media',
			value: 'sendMedia',
			action: 'Send a media message',
			description: 'Send an image, audio, video or document from a public or signed URL',
		},
		{
			name: 'Send Template',
			value: 'sendTemplate',
			action: 'Send a template message',
			description: 'Send an approved WhatsApp template, also outside the 24-hour window',
		},
		{
			name: 'Send Text',
			value: 'send',
			action: 'Send a text message',
			description: 'Send a plain text message on any channel type',
		},
	],
	default: 'send',
};

const failedSendHelp =
	'Whether to fail the node when Fiwano reports the send as failed (success: false, status: failed). Off: the failed send is a normal item; branch on its success field. Accepted sends (sent, queued) are never affected.';

export const messageFields: INodeProperties[] = [
	{
		displayName: 'Channel ID',
		name: 'channelId',
		type: 'string',
		default: '',
		required: true,
		description: 'ID of the channel to send through',
		displayOptions: { show },
	},
	{
		displayName: 'Recipient',
		name: 'recipient',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. 1234567890',
		description: 'Phone number without + (WhatsApp), IGSID (Instagram) or PSID (Facebook)',
		hint: 'To reply to a Fiwano Trigger event, use {{ $json.data.from }}',
		displayOptions: { show },
	},
	{
		displayName: 'Message Text',
		name: 'text',
		type: 'string',
		typeOptions: { rows: 4 },
		default: '',
		required: true,
		description: 'Text of the message',
		displayOptions: showFor('send'),
	},
	{
		displayName: 'Template Name',
		name: 'templateName',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. order_confirmation',
		description: 'Name of the approved WhatsApp template',
		displayOptions: showFor('sendTemplate'),
	},
	{
		displayName: 'Language',
		name: 'language',
		type: 'string',
		default: 'en_US',
		required: true,
		placeholder: 'e.g. en_US',
		description: 'Language code of the approved template version',
		displayOptions: showFor('sendTemplate'),
	},
	{
		displayName: 'Variables',
		name: 'variables',
		type: 'json',
		default: '',
		typeOptions: { rows: 4 },
		description:
			'Template variables as JSON, e.g. {"body":["val1","val2"]} (positional) or {"body":{"name":"Ana"}} (named). Leave empty when the template has none.',
		displayOptions: showFor('sendTemplate'),
	},
	{
		displayName: 'Media Type',
		name: 'mediaType',
		type: 'options',
		required: true,
		options: [
			{ name: 'Audio', value: 'audio' },
			{ name: 'Document', value: 'document' },
			{ name: 'Image', value: 'image' },
			{ name: 'Video', value: 'video' },
		],
		default: 'image',
		description: 'Kind of media; not every type is supported on every channel',
		displayOptions: showFor('sendMedia'),
	},
	{
		displayName: 'Media URL',
		name: 'mediaUrl',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'https://my-bucket.s3.amazonaws.com/photo.jpg',
		description: 'HTTPS URL Meta downloads the file from (public or signed)',
		displayOptions: showFor('sendMedia'),
	},
	{
		displayName: 'Additional Fields',
		name: 'mediaAdditionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		displayOptions: showFor('sendMedia'),
		options: [
			{
				displayName: 'Caption',
				name: 'caption',
				type: 'string',
				default: '',
				description: 'Text shown below the media (WhatsApp image, video, document)',
			},
			{
				displayName: 'Filename',
				name: 'filename',
				type: 'string',
				default: '',
				placeholder: 'e.g. invoice.pdf',
				description: 'File name shown to the recipient (WhatsApp documents)',
			},
		],
	},
	// Same name, default by version: version 1 nodes keep failed sends as items, version 2 fails.
	{
		displayName: 'Error on Failed Send',
		name: 'errorOnSendFailure',
		type: 'boolean',
		default: true,
		description: failedSendHelp,
		displayOptions: { show: { ...show, '@version': [2] } },
	},
	{
		displayName: 'Error on Failed Send',
		name: 'errorOnSendFailure',
		type: 'boolean',
		default: false,
		description: failedSendHelp,
		displayOptions: { show: { ...show, '@version': [1] } },
	},
];
