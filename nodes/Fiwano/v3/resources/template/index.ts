import type { INodeProperties } from 'n8n-workflow';

import { channelLocator } from '../../../../shared/channels';
import { whatsAppOnly } from '../../listSearch/searchWhatsAppChannels';
import { checkApiErrors, listOutput, pathId, templateLocator } from '../../shared/descriptions';
import { deletedResult, throwOnApiError } from '../../shared/hooks';
import { templateCreateDescription } from './create';
import { templateDeleteDescription } from './delete';
import { templateGetManyDescription } from './getAll';
import { templateUpdateDescription } from './update';

const showOnlyForTemplates = { resource: ['template'] };
const templatePath = `=/api/v1/channels/${pathId('channelId')}/templates/${pathId('templateId')}`;

export const templateDescription: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: showOnlyForTemplates },
		options: [
			{
				name: 'Create',
				value: 'create',
				action: 'Create a template',
				description: 'Submit a new WhatsApp template to Meta for review (starts as PENDING)',
				routing: {
					request: { method: 'POST', url: `=/api/v1/channels/${pathId('channelId')}/templates` },
					output: checkApiErrors,
				},
			},
			{
				name: 'Delete',
				value: 'delete',
				action: 'Delete a template',
				description: 'Delete a WhatsApp template, in one language or all of them',
				routing: {
					request: { method: 'DELETE', url: templatePath },
					output: { postReceive: [throwOnApiError, deletedResult('templateId', 'template_id')] },
				},
			},
			{
				name: 'Get',
				value: 'get',
				action: 'Get a template',
				description: 'Get a WhatsApp template with its components and variable definitions',
				routing: {
					request: { method: 'GET', url: templatePath },
					output: checkApiErrors,
				},
			},
			{
				name: 'Get Many',
				value: 'getAll',
				action: 'Get many templates',
				description: 'List the templates of a WhatsApp channel, synced from Meta by default',
				routing: {
					request: { method: 'GET', url: `=/api/v1/channels/${pathId('channelId')}/templates` },
					output: listOutput('templates'),
				},
			},
			{
				name: 'Update',
				value: 'update',
				action: 'Update a template',
				description:
					'Replace the components of a WhatsApp template; it goes back to PENDING review',
				routing: {
					request: { method: 'PUT', url: templatePath },
					output: checkApiErrors,
				},
			},
		],
		default: 'getAll',
	},
	{
		...whatsAppOnly(channelLocator),
		description:
			'WhatsApp channel whose templates to use (templates belong to its WhatsApp Business Account)',
		displayOptions: { show: showOnlyForTemplates },
	},
	{
		...templateLocator,
		displayOptions: { show: { ...showOnlyForTemplates, operation: ['get', 'update', 'delete'] } },
	},
	...templateGetManyDescription,
	...templateCreateDescription,
	...templateUpdateDescription,
	...templateDeleteDescription,
];
