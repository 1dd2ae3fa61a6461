import type { INodeProperties } from 'n8n-workflow';

const showFor = (...operation: string[]) => ({ show: { resource: ['template'], operation } });

export const templateOperations: INodeProperties = {
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	noDataExpression: true,
	displayOptions: { show: { resource: ['template'] } },
	options: [
		{
			name: 'Create',
			value: 'create',
			action: 'Create a template',
			description: 'Create a WhatsApp template and submit it to Meta',
		},
		{
			name: 'Delete',
			value: 'delete',
			action: 'Delete a template',
			description: 'Delete a WhatsApp template',
		},
		{
			name: 'Get',
			value: 'get',
			action: 'Get a template',
			description: 'Get one WhatsApp template',
		},
		{
			name: 'Get Many',
			value: 'getAll',
			action: 'Get many templates',
			description: "List a channel's WhatsApp templates",
		},
		{
			name: 'Update',
			value: 'update',
			action: 'Update a template',
			description: 'Change a WhatsApp template and submit it again',
		},
	],
	default: 'getAll',
};

const BODY_EXAMPLE =
	'[\n  {\n    "type": "BODY",\n    "text": "Hello {{1}}!",\n    "example": { "body_text": [["World"]] }\n  }\n]';

export const templateFields: INodeProperties[] = [
	{
		displayName: 'Channel ID',
		name: 'channelId',
		type: 'string',
		default: '',
		required: true,
		description: 'ID of the WhatsApp channel',
		displayOptions: { show: { resource: ['template'] } },
	},
	{
		displayName: 'Template ID',
		name: 'templateId',
		type: 'string',
		default: '',
		required: true,
		description: 'ID of the template',
		displayOptions: showFor('get', 'update', 'delete'),
	},
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		displayOptions: showFor('getAll'),
		options: [
			{
				displayName: 'Status',
				name: 'status',
				type: 'options',
				options: [
					{ name: 'All', value: '' },
					{ name: 'Approved', value: 'APPROVED' },
					{ name: 'Pending', value: 'PENDING' },
					{ name: 'Rejected', value: 'REJECTED' },
				],
				default: '',
				description: 'Only templates with this approval status',
			},
			{
				displayName: 'Sync From Meta',
				name: 'sync',
				type: 'boolean',
				default: true,
				description: 'Whether to fetch the latest state from Meta first',
			},
		],
	},
	{
		displayName: 'Template Name',
		name: 'templateName',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. order_confirmation',
		description: 'Lowercase letters, digits and underscores',
		displayOptions: showFor('create'),
	},
	{
		displayName: 'Language',
		name: 'language',
		type: 'string',
		default: 'en_US',
		required: true,
		placeholder: 'e.g. en_US',
		description: 'Language code of the template',
		displayOptions: showFor('create'),
	},
	{
		displayName: 'Category',
		name: 'category',
		type: 'options',
		options: [
			{ name: 'Authentication', value: 'AUTHENTICATION' },
			{ name: 'Marketing', value: 'MARKETING' },
			{ name: 'Utility', value: 'UTILITY' },
		],
		default: 'UTILITY',
		required: true,
		description: 'Meta template category',
		displayOptions: showFor('create'),
	},
	{
		displayName: 'Components (JSON)',
		name: 'components',
		type: 'json',
		default: BODY_EXAMPLE,
		required: true,
		description:
			'Template components as a JSON array: BODY required; HEADER, FOOTER, BUTTONS optional. Include examples for Meta review.',
		displayOptions: showFor('create', 'update'),
	},
	{
		displayName: 'Category',
		name: 'updateCategory',
		type: 'options',
		options: [
			{ name: 'Keep Current', value: '' },
			{ name: 'Authentication', value: 'AUTHENTICATION' },
			{ name: 'Marketing', value: 'MARKETING' },
			{ name: 'Utility', value: 'UTILITY' },
		],
		default: '',
		description: 'New category; Meta allows a change only for rejected or paused templates',
		displayOptions: showFor('update'),
	},
	{
		displayName: 'Parameter Format',
		name: 'parameterFormat',
		type: 'options',
		options: [
			{ name: 'Named', value: 'named', description: 'Variables like {{customer_name}}' },
			{ name: 'Positional', value: 'positional', description: 'Variables like {{1}}, {{2}}' },
		],
		default: 'positional',
		description: 'How variables are written in the component text',
		displayOptions: showFor('create'),
	},
	{
		displayName: 'Delete All Languages',
		name: 'allLanguages',
		type: 'boolean',
		default: false,
		description: 'Whether to delete every language version of the template, not only this one',
		displayOptions: showFor('delete'),
	},
];
