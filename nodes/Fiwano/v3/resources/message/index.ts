import type { INodeProperties } from 'n8n-workflow';

import { channelLocator } from '../../../../shared/channels';
import { whatsAppOnly } from '../../listSearch/searchWhatsAppChannels';
import { throwOnApiError, throwOnFailedSend } from '../../shared/hooks';
import { messageSendMediaDescription } from './sendMedia';
import { messageSendTemplateDescription } from './sendTemplate';
import { messageSendTextDescription } from './sendText';

const showOnlyForMessages = { resource: ['message'] };

const sendOutput = { postReceive: [throwOnApiError, throwOnFailedSend] };

export const messageDescription: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: showOnlyForMessages },
		options: [
			{
				name: 'Send Media',
				value: 'sendMedia',
				action: 'Send a media message',
				description:
					'Send an image, audio, video or document from an HTTPS URL (Pro). Meta fetches the file itself.',
				routing: {
					request: { method: 'POST', url: '/api/v1/messages/send-media' },
					output: sendOutput,
				},
			},
			{
				name: 'Send Template',
				value: 'sendTemplate',
				action: 'Send a whats app template message',
				description:
					'Send an approved WhatsApp template, the only way to message a customer outside the 24-hour window (Pro)',
				routing: {
					request: { method: 'POST', url: '/api/v1/messages/send-template' },
					output: sendOutput,
				},
			},
			{
				name: 'Send Text',
				value: 'sendText',
				action: 'Send a text message',
				description:
					'Send a text message on WhatsApp, Instagram or Messenger, e.g. a reply to an incoming message',
				routing: {
					request: { method: 'POST', url: '/api/v1/messages/send' },
					output: sendOutput,
				},
			},
		],
		default: 'sendText',
	},
	{
		...channelLocator,
		displayOptions: { show: showOnlyForMessages, hide: { operation: ['sendTemplate'] } },
		routing: { send: { type: 'body', property: 'channel_id' } },
	},
	{
		// Same parameter; its list offers only active WhatsApp channels, the ones templates need.
		...whatsAppOnly(channelLocator),
		displayOptions: { show: { ...showOnlyForMessages, operation: ['sendTemplate'] } },
		routing: { send: { type: 'body', property: 'channel_id' } },
	},
	...messageSendTextDescription,
	...messageSendMediaDescription,
	...messageSendTemplateDescription,
];
