import type { INodeProperties } from 'n8n-workflow';

import { recipientField } from '../../../shared/descriptions';

const show = { resource: ['message'], operation: ['sendAndWait'] };

const limitWaitTime: INodeProperties = {
	displayName: 'Limit Wait Time',
	name: 'limitWaitTime',
	type: 'fixedCollection',
	default: { values: { limitType: 'afterTimeInterval', resumeAmount: 45, resumeUnit: 'minutes' } },
	description:
		'Whether the wait ends by itself. When it ends without an answer, the workflow goes on with the input items (no data.approved field) and the links show that nothing is waiting any more.',
	options: [
		{
			displayName: 'Values',
			name: 'values',
			values: [
				{
					displayName: 'Limit Type',
					name: 'limitType',
					type: 'options',
					default: 'afterTimeInterval',
					options: [
						{
							name: 'After Time Interval',
							value: 'afterTimeInterval',
							description: 'Wait at most this long',
						},
						{
							name: 'At Specified Time',
							value: 'atSpecifiedTime',
							description: 'Wait until this date and time',
						},
					],
				},
				{
					displayName: 'Amount',
					name: 'resumeAmount',
					type: 'number',
					default: 1,
					typeOptions: { minValue: 0, numberPrecision: 2 },
					displayOptions: { show: { limitType: ['afterTimeInterval'] } },
				},
				{
					displayName: 'Unit',
					name: 'resumeUnit',
					type: 'options',
					default: 'hours',
					displayOptions: { show: { limitType: ['afterTimeInterval'] } },
					options: [
						{ name: 'Minutes', value: 'minutes' },
						{ name: 'Hours', value: 'hours' },
						{ name: 'Days', value: 'days' },
					],
				},
				{
					displayName: 'Max Date and Time',
					name: 'maxDateAndTime',
					type: 'dateTime',
					default: '',
					displayOptions: { show: { limitType: ['atSpecifiedTime'] } },
				},
			],
		},
	],
};

const formField: INodeProperties[] = [
	{
		displayName: 'Label',
		name: 'fieldLabel',
		type: 'string',
		default: '',
		placeholder: 'e.g. Reason',
		required: true,
	},
	{
		displayName: 'Type',
		name: 'fieldType',
		type: 'options',
		default: 'text',
		options: [
			{ name: 'Date', value: 'date' },
			{ name: 'Dropdown List', value: 'dropdown' },
			{ name: 'Email', value: 'email' },
			{ name: 'Number', value: 'number' },
			{ name: 'Text', value: 'text' },
			{ name: 'Textarea', value: 'textarea' },
		],
	},
	{
		displayName: 'Choices',
		name: 'fieldOptions',
		type: 'string',
		default: '',
		placeholder: 'e.g. Refund, Replace, Reject',
		description: 'The choices of the dropdown list, separated by commas',
		displayOptions: { show: { fieldType: ['dropdown'] } },
	},
	{
		displayName: 'Required Field',
		name: 'requiredField',
		type: 'boolean',
		default: false,
		description: 'Whether the recipient must fill in this field',
	},
];

export const messageSendAndWaitDescription: INodeProperties[] = [
	{ ...recipientField, displayOptions: { show } },
	{
		displayName: 'Message',
		name: 'message',
		type: 'string',
		required: true,
		default: '',
		typeOptions: { rows: 4 },
		displayOptions: { show },
		description:
			'The question to send, as plain text. The node adds the answer link(s) below it and waits until the recipient answers. On WhatsApp this is a session message: the customer must have written in the last 24 hours.',
	},
	{
		displayName: 'Response Type',
		name: 'responseType',
		type: 'options',
		default: 'approval',
		displayOptions: { show },
		options: [
			{
				name: 'Approval',
				value: 'approval',
				description: 'One link to approve, or one to approve and one to decline',
			},
			{ name: 'Free Text', value: 'freeText', description: 'A link to a page with one text box' },
			{
				name: 'Custom Form',
				value: 'customForm',
				description: 'A link to a page with the fields defined below',
			},
		],
		description: 'How the recipient answers',
	},
	{
		displayName: 'Approval Options',
		name: 'approvalOptions',
		type: 'fixedCollection',
		placeholder: 'Add option',
		default: {},
		displayOptions: { show: { ...show, responseType: ['approval'] } },
		options: [
			{
				displayName: 'Values',
				name: 'values',
				values: [
					{
						displayName: 'Type of Approval',
						name: 'approvalType',
						type: 'options',
						default: 'single',
						options: [
							{ name: 'Approve Only', value: 'single' },
							{ name: 'Approve and Decline', value: 'double' },
						],
					},
					{
						displayName: 'Approve Label',
						name: 'approveLabel',
						type: 'string',
						default: 'Approve',
					},
					{
						displayName: 'Decline Label',
						name: 'disapproveLabel',
						type: 'string',
						default: 'Decline',
						displayOptions: { show: { approvalType: ['double'] } },
					},
				],
			},
		],
	},
	{
		displayName: 'Form Fields',
		name: 'formFields',
		type: 'fixedCollection',
		placeholder: 'Add Form Field',
		default: {},
		typeOptions: { multipleValues: true, sortable: true },
		displayOptions: { show: { ...show, responseType: ['customForm'] } },
		description:
			'Fields of the reply page. The answer has one entry per field, named by its label.',
		options: [{ displayName: 'Values', name: 'values', values: formField }],
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: { show },
		options: [
			limitWaitTime,
			{
				displayName: 'Link Label',
				name: 'messageButtonLabel',
				type: 'string',
				default: 'Respond',
				description: 'Text before the link to the reply page (Free Text and Custom Form)',
			},
			{
				displayName: 'Reply Page Button Label',
				name: 'responseFormButtonLabel',
				type: 'string',
				default: 'Submit',
			},
			{
				displayName: 'Reply Page Description',
				name: 'responseFormDescription',
				type: 'string',
				default: '',
				description: 'Text shown above the fields of the reply page; the message when empty',
			},
			{
				displayName: 'Reply Page Title',
				name: 'responseFormTitle',
				type: 'string',
				default: '',
				description: 'Heading of the reply page (Free Text and Custom Form)',
			},
		],
	},
];
