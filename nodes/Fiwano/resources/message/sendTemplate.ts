import type {
	IDataObject,
	IExecuteSingleFunctions,
	IHttpRequestOptions,
	INodeProperties,
} from 'n8n-workflow';

import { failedSendAsDataOption, recipientField } from '../../shared/descriptions';
import { invalidField, jsonParameter } from '../../shared/validation';

const show = { resource: ['message'], operation: ['sendTemplate'] };

/** List entries carry "name|language" so picking a template also fixes its language. */
export const TEMPLATE_KEY_SEPARATOR = '|';

const VARIABLES_EXAMPLE =
	'{"header": ["Summer Sale"], "body": ["Pablo", "ORD-123"], "buttons": [{"index": 0, "value": "promo25"}]}';

/** Template name, language and variables in the shape POST /messages/send-template documents. */
export async function buildTemplateMessage(
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	const body = requestOptions.body as IDataObject;
	const picked = String(this.getNodeParameter('template', undefined, { extractValue: true }) ?? '').trim();
	const [name, listedLanguage] = picked.split(TEMPLATE_KEY_SEPARATOR);
	const language = (listedLanguage || String(this.getNodeParameter('language', '') ?? '')).trim();
	if (!name) {
		invalidField(this, 'Template', 'is empty', 'Pick an approved template from the list or enter its name.');
	}
	if (!language) {
		invalidField(
			this,
			'Language',
			`is empty for template "${name}"`,
			'Enter the language code of the template, e.g. en_US, or pick the template from the list (the list fixes the language).',
		);
	}
	body.template_name = name;
	body.language = language;

	const variables = jsonParameter(this, 'Variables (JSON)', this.getNodeParameter('variablesJson', '{}'), VARIABLES_EXAMPLE);
	if (variables !== undefined && (typeof variables !== 'object' || variables === null || Array.isArray(variables))) {
		invalidField(this, 'Variables (JSON)', 'must be a JSON object keyed by header, body and buttons', `Enter JSON such as ${VARIABLES_EXAMPLE}`);
	}
	// A template without variables must be sent without the field.
	if (variables && Object.keys(variables).length) body.variables = variables as IDataObject;
	return requestOptions;
}

export const messageSendTemplateDescription: INodeProperties[] = [
	{ ...recipientField, displayOptions: { show } },
	{
		displayName: 'Template',
		name: 'template',
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: true,
		displayOptions: { show },
		description: 'Approved WhatsApp template to send. Only APPROVED templates can be sent.',
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				placeholder: 'Select an approved template...',
				typeOptions: { searchListMethod: 'searchApprovedTemplates', searchable: true },
			},
			{
				displayName: 'By Name',
				name: 'name',
				type: 'string',
				placeholder: 'e.g. order_confirmation',
			},
		],
		routing: { send: { preSend: [buildTemplateMessage] } },
	},
	{
		displayName: 'Language',
		name: 'language',
		type: 'string',
		default: '',
		placeholder: 'e.g. en_US',
		displayOptions: { show },
		description:
			'Language code of the template, e.g. en_US. Needed when the template is given by name; a template picked from the list already fixes it.',
	},
	{
		displayName: 'Variables (JSON)',
		name: 'variablesJson',
		type: 'json',
		default: '{}',
		displayOptions: { show },
		description:
			'Variable values keyed by component. Positional: {"header": ["Sale"], "body": ["Pablo", "ORD-123"], "buttons": [{"index": 0, "value": "promo"}]}. Named: {"body": {"customer_name": "Pablo"}}. Leave {} for a template without variables.',
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: { show },
		options: [failedSendAsDataOption],
	},
];
