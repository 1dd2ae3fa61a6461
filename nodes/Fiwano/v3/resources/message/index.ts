import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { channelLocator } from '../../../../shared/channels';
import { messageSendAndWaitDescription } from './sendAndWait/description';
import { sendAndWait } from './sendAndWait/execute';
import { sendEachItem } from './sendLoop';
import { messageSendMediaDescription, sendMediaItem } from './sendMedia';
import { messageSendTemplateDescription, sendTemplateItem } from './sendTemplate';
import { messageSendTextDescription, sendTextItem } from './sendText';

const showOnlyForMessages = { resource: ['message'] };

/*
 * Message operations are n8n customOperations, not declarative routing: a send must go out
 * once, in item order, stop at the first failure, wait on 429/503, and a long text may become
 * several messages; Send and Wait puts the execution to wait. See sendLoop.ts.
 */
export const messageOperations = {
	sendText: async function (this: IExecuteFunctions) {
		return await sendEachItem(this, sendTextItem(this, new Map()));
	},
	sendMedia: async function (this: IExecuteFunctions) {
		return await sendEachItem(this, sendMediaItem(this));
	},
	sendTemplate: async function (this: IExecuteFunctions) {
		return await sendEachItem(this, sendTemplateItem(this));
	},
	sendAndWait,
};

export const messageDescription: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: showOnlyForMessages },
		options: [
			{
				name: 'Send and Wait for Response',
				value: 'sendAndWait',
				action: 'Send a message and wait for response',
				description:
					'Send a question with approval links or a link to a reply page, and wait until the recipient answers (human approval before a workflow or AI agent acts)',
			},
			{
				name: 'Send Media',
				value: 'sendMedia',
				action: 'Send a media message',
				description:
					'Send an image, audio, video or document from an HTTPS URL (Pro). Meta fetches the file itself.',
			},
			{
				name: 'Send Template',
				value: 'sendTemplate',
				action: 'Send a template message',
				description:
					'Send an approved WhatsApp template, the only way to message a WhatsApp customer outside the 24-hour window (Pro)',
			},
			{
				name: 'Send Text',
				value: 'sendText',
				action: 'Send a text message',
				description:
					'Send a text message on WhatsApp, Instagram or Messenger, e.g. a reply to an incoming message',
			},
		],
		default: 'sendText',
	},
	{ ...channelLocator, displayOptions: { show: showOnlyForMessages } },
	...messageSendTextDescription,
	...messageSendMediaDescription,
	...messageSendTemplateDescription,
	...messageSendAndWaitDescription,
];
