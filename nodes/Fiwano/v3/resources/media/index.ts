import type { INodeProperties } from 'n8n-workflow';

import { pathId } from '../../shared/descriptions';
import { throwOnApiError } from '../../shared/hooks';
import { mediaDownloadDescription, mediaToBinary } from './download';

export const mediaDescription: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['media'] } },
		options: [
			{
				name: 'Download',
				value: 'download',
				action: 'Download inbound media',
				description:
					'Download a file a user sent (image, voice note, video, document) into binary data. Files expire 60 minutes after the webhook.',
				routing: {
					request: {
						method: 'GET',
						url: `=/api/v1/media/${pathId('mediaId')}`,
						encoding: 'arraybuffer',
						json: false,
						headers: { Accept: '*/*' },
						// n8n would resend X-API-Key to the redirect's host: mediaToBinary refuses a 3xx.
						disableFollowRedirect: true,
					},
					output: { postReceive: [throwOnApiError, mediaToBinary] },
				},
			},
		],
		default: 'download',
	},
	...mediaDownloadDescription,
];
