import type { INodeProperties } from 'n8n-workflow';

import { throwOnApiError } from './hooks';

/** Routing output every operation starts with: API errors become actionable node errors. */
export const checkApiErrors: NonNullable<INodeProperties['routing']>['output'] = {
	postReceive: [throwOnApiError],
};

/** `{{ $parameter.x }}` unwraps resource locators and resolves expressions inside them. */
export const pathId = (parameter: string) => `{{ encodeURIComponent($parameter.${parameter}) }}`;

export const templateLocator: INodeProperties = {
	displayName: 'Template',
	name: 'templateId',
	type: 'resourceLocator',
	default: { mode: 'list', value: '' },
	required: true,
	description: 'The WhatsApp message template (its Fiwano template ID)',
	modes: [
		{
			displayName: 'From List',
			name: 'list',
			type: 'list',
			placeholder: 'Select a template...',
			typeOptions: {
				searchListMethod: 'searchTemplates',
				searchable: true,
			},
		},
		{
			displayName: 'By ID',
			name: 'id',
			type: 'string',
			placeholder: 'e.g. tpl_abc123',
		},
	],
};

export const redirectLocator: INodeProperties = {
	displayName: 'Redirect URI',
	name: 'redirectId',
	type: 'resourceLocator',
	default: { mode: 'list', value: '' },
	required: true,
	description: 'The allowed redirect URI to remove',
	modes: [
		{
			displayName: 'From List',
			name: 'list',
			type: 'list',
			placeholder: 'Select a redirect URI...',
			typeOptions: {
				searchListMethod: 'searchRedirects',
				searchable: true,
			},
		},
		{
			displayName: 'By ID',
			name: 'id',
			type: 'string',
			placeholder: 'e.g. redir_abc123',
		},
	],
};

/** Return All / Limit for endpoints that answer the whole list at once (the node slices it). */
export function returnAllOrLimit(show: Record<string, string[]>): INodeProperties[] {
	return [
		{
			displayName: 'Return All',
			name: 'returnAll',
			type: 'boolean',
			displayOptions: { show },
			default: false,
			description: 'Whether to return all results or only up to a given limit',
		},
		{
			displayName: 'Limit',
			name: 'limit',
			type: 'number',
			displayOptions: { show: { ...show, returnAll: [false] } },
			typeOptions: { minValue: 1 },
			default: 50,
			description: 'Max number of results to return',
			routing: {
				output: {
					postReceive: [{ type: 'limit', properties: { maxResults: '={{ $value }}' } }],
				},
			},
		},
	];
}

/** Output of a list endpoint: errors first, then one item per entry of `rootProperty`. */
export function listOutput(
	rootProperty: string,
): NonNullable<INodeProperties['routing']>['output'] {
	return {
		postReceive: [
			throwOnApiError,
			{ type: 'rootProperty', properties: { property: rootProperty } },
		],
	};
}

export const recipientField: INodeProperties = {
	displayName: 'Recipient',
	name: 'recipient',
	type: 'string',
	required: true,
	default: '',
	placeholder: 'e.g. 15551234567',
	description:
		'Who receives the message: the phone number with country code for WhatsApp (+, spaces and dashes are removed), the IGSID for Instagram or the PSID for Messenger. When replying to a Fiwano Trigger event, use the data.from field of the event.',
};

/** Options shared by the send operations. */
export const failedSendAsDataOption: INodeProperties = {
	displayName: 'Return Failed Send as Data',
	name: 'failedSendAsData',
	type: 'boolean',
	default: false,
	description:
		'Whether a message that Meta refused (success false, status failed) is returned as an output item instead of stopping the workflow with an error',
};

/** The Options collection of a send operation: its own options plus Return Failed Send as Data. */
export function sendOptions(
	show: Record<string, string[]>,
	own: INodeProperties[] = [],
): INodeProperties {
	return {
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		description: 'Optional settings of the send; leave empty for the defaults',
		displayOptions: { show },
		options: [...own, failedSendAsDataOption].sort((a, b) =>
			a.displayName.localeCompare(b.displayName),
		),
	};
}
