import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { recipientField, sendOptions } from '../../shared/descriptions';
import { codePointLength, invalidField, mediaUrlProblem } from '../../shared/validation';
import { addressOf, fieldContext } from './recipient';
import { postSend } from './sendLoop';

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
	},
	sendOptions(show, [
		{
			displayName: 'Caption',
			name: 'caption',
			type: 'string',
			default: '',
			typeOptions: { rows: 2 },
			description:
				'Caption shown with a WhatsApp image, video or document, at most 1024 characters',
		},
		{
			displayName: 'File Name',
			name: 'filename',
			type: 'string',
			default: '',
			placeholder: 'e.g. invoice.pdf',
			description: 'File name shown for a WhatsApp document, at most 255 characters',
		},
	]),
];

const OPTIONAL_LIMITS: Array<[string, string, number, string]> = [
	['caption', 'Caption', 1024, 'Shorten the caption, or send the rest as a text message.'],
	['filename', 'File Name', 255, 'Use a shorter file name.'],
];

/** Send Media for one item; what the API checks is checked first, so a bad URL sends nothing. */
export function sendMediaItem(context: IExecuteFunctions) {
	return async (itemIndex: number): Promise<IDataObject> => {
		const field = fieldContext(context, itemIndex);
		const body: IDataObject = {
			...addressOf(context, itemIndex),
			media_type: context.getNodeParameter('mediaType', itemIndex),
		};
		const url = String(context.getNodeParameter('mediaUrl', itemIndex, '') ?? '').trim();
		const urlProblem = mediaUrlProblem(url);
		if (urlProblem) {
			invalidField(
				field,
				'Media URL',
				urlProblem,
				'Use a public or signed HTTPS URL (S3/GCS/R2 presigned, valid for at least 5 minutes) without credentials in it.',
			);
		}
		body.media_url = url;
		const options = context.getNodeParameter('options', itemIndex, {}) as IDataObject;
		for (const [key, label, limit, fix] of OPTIONAL_LIMITS) {
			if (options[key] === undefined) continue;
			const value = options[key];
			const length = typeof value === 'string' ? codePointLength(value) : 0;
			if (length > limit)
				invalidField(field, label, `is ${length} characters long; the limit is ${limit}`, fix);
			body[key] = value;
		}
		return await postSend(context, itemIndex, '/messages/send-media', body);
	};
}
