import type {
	IDataObject,
	IExecuteFunctions,
	INodeProperties,
	ResourceMapperValue,
} from 'n8n-workflow';

import { recipientField, sendOptions } from '../../shared/descriptions';
import { invalidField, jsonParameter } from '../../shared/validation';
import type { FieldContext } from '../../shared/validation';
import { addressOf, fieldContext } from './recipient';
import { postSend } from './sendLoop';

const show = { resource: ['message'], operation: ['sendTemplate'] };

/** List entries carry "name|language" so picking a template also fixes its language. */
export const TEMPLATE_KEY_SEPARATOR = '|';

const VARIABLES_EXAMPLE =
	'{"header": ["Summer Sale"], "body": ["Pablo", "ORD-123"], "buttons": [{"index": 0, "value": "promo25"}]}';

/**
 * Form fields of the template's variables (resourceMapping/templateVariables.ts builds them from
 * the `variables` summary of TemplateOut): `header_1`, `body_1` (positional) or
 * `body_customer_name` (named), `button_0` (URL button at index 0).
 */
export const FIELD_PATTERN = /^(header|body|button)_(.+)$/;

type FormValue = string | number | boolean | null | undefined;

/** The documented body shape from the form: positional arrays or named objects, buttons list. */
export function variablesFromForm(
	context: FieldContext,
	mapper: Partial<ResourceMapperValue>,
): IDataObject | undefined {
	const values = (mapper.value ?? {}) as Record<string, FormValue>;
	const labels = new Map((mapper.schema ?? []).map((field) => [field.id, field.displayName]));
	const text = (id: string) => {
		const value = values[id];
		const given = value === null || value === undefined ? '' : String(value);
		if (!given.trim()) {
			invalidField(
				context,
				'Template Variables',
				`"${labels.get(id) ?? id}" is empty`,
				'Fill in every variable of the template (WhatsApp requires all of them), or switch Variables to JSON.',
			);
		}
		return given;
	};
	// Every field of the loaded template must be filled; values of other templates are ignored.
	const ids = mapper.schema?.length
		? mapper.schema.filter((field) => field.display !== false && !field.removed).map((f) => f.id)
		: Object.keys(values);
	const positional: Record<string, Array<[number, string]>> = { header: [], body: [] };
	const named: Record<string, IDataObject> = { header: {}, body: {} };
	const buttons: IDataObject[] = [];
	for (const id of ids) {
		const match = FIELD_PATTERN.exec(id);
		if (!match) continue;
		const [, part, key] = match;
		if (part === 'button') buttons.push({ index: Number(key), value: text(id) });
		else if (/^\d+$/.test(key)) positional[part].push([Number(key), text(id)]);
		else named[part][key] = text(id);
	}
	const variables: IDataObject = {};
	for (const part of ['header', 'body']) {
		if (positional[part].length) {
			variables[part] = positional[part].sort(([a], [b]) => a - b).map(([, value]) => value);
		} else if (Object.keys(named[part]).length) {
			variables[part] = named[part];
		}
	}
	if (buttons.length) variables.buttons = buttons.sort((a, b) => Number(a.index) - Number(b.index));
	// A template without variables is sent without the field.
	return Object.keys(variables).length ? variables : undefined;
}

/** Template name, language and variables in the shape POST /messages/send-template documents. */
function templateMessage(context: IExecuteFunctions, itemIndex: number): IDataObject {
	const field = fieldContext(context, itemIndex);
	const body: IDataObject = addressOf(context, itemIndex);
	const picked = String(
		context.getNodeParameter('template', itemIndex, undefined, { extractValue: true }) ?? '',
	).trim();
	const [name, listedLanguage] = picked.split(TEMPLATE_KEY_SEPARATOR);
	const language = (
		listedLanguage || String(context.getNodeParameter('language', itemIndex, '') ?? '')
	).trim();
	if (!name) {
		invalidField(
			field,
			'Template',
			'is empty',
			'Pick an approved template from the list or enter its name.',
		);
	}
	if (!language) {
		invalidField(
			field,
			'Language',
			`is empty for template "${name}"`,
			'Enter the language code of the template, e.g. en_US, or pick the template from the list (the list fixes the language).',
		);
	}
	body.template_name = name;
	body.language = language;

	if (context.getNodeParameter('variablesMode', itemIndex, 'form') === 'form') {
		const mapper = context.getNodeParameter(
			'templateVariables',
			itemIndex,
			{},
		) as Partial<ResourceMapperValue>;
		const variables = variablesFromForm(field, mapper);
		if (variables) body.variables = variables;
		return body;
	}

	const variables = jsonParameter(
		field,
		'Variables (JSON)',
		context.getNodeParameter('variablesJson', itemIndex, '{}'),
		VARIABLES_EXAMPLE,
	);
	if (
		variables !== undefined &&
		(typeof variables !== 'object' || variables === null || Array.isArray(variables))
	) {
		invalidField(
			field,
			'Variables (JSON)',
			'must be a JSON object keyed by header, body and buttons',
			`Enter JSON such as ${VARIABLES_EXAMPLE}`,
		);
	}
	// A template without variables must be sent without the field.
	if (variables && Object.keys(variables).length) body.variables = variables as IDataObject;
	return body;
}

/** Send Template for one item. */
export function sendTemplateItem(context: IExecuteFunctions) {
	return async (itemIndex: number): Promise<IDataObject> =>
		await postSend(
			context,
			itemIndex,
			'/messages/send-template',
			templateMessage(context, itemIndex),
		);
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
		description:
			'Approved WhatsApp template to send, by its name (e.g. order_confirmation) or picked from the list. Only APPROVED templates can be sent; templates are the only way to message a WhatsApp customer who has not written in the last 24 hours.',
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
	},
	{
		displayName: 'Language',
		name: 'language',
		type: 'string',
		default: '',
		placeholder: 'e.g. en_US',
		displayOptions: { show },
		hint: 'Leave empty for a template picked from the list: the language shown in its entry (e.g. order_confirmation · en_US) is sent.',
		description:
			'Language code of the template, e.g. en_US. Needed when the template is given by name; a template picked from the list already fixes it.',
	},
	{
		displayName: 'Variables',
		name: 'variablesMode',
		type: 'options',
		noDataExpression: true,
		default: 'form',
		displayOptions: { show },
		options: [
			{
				name: 'Form',
				value: 'form',
				description:
					'Fill in a field for each variable of the selected template (header, body, buttons)',
			},
			{
				name: 'JSON',
				value: 'json',
				description:
					'Give all variables as one JSON object, e.g. built with an expression or by an AI agent',
			},
		],
		description: 'How to give the values of the template variables',
	},
	{
		displayName: 'Template Variables',
		name: 'templateVariables',
		type: 'resourceMapper',
		noDataExpression: true,
		default: { mappingMode: 'defineBelow', value: null },
		required: true,
		displayOptions: { show: { ...show, variablesMode: ['form'] } },
		description:
			"Values of the template's variables. The fields come from the template's variable summary; the example in each field's name shows what it stands for.",
		typeOptions: {
			loadOptionsDependsOn: ['channelId.value', 'template.value', 'language'],
			resourceMapper: {
				resourceMapperMethod: 'getTemplateVariables',
				mode: 'add',
				fieldWords: { singular: 'variable', plural: 'variables' },
				addAllFields: true,
				multiKeyMatch: false,
				supportAutoMap: false,
				noFieldsError: 'This template has no variables; it is sent as it is.',
			},
		},
	},
	{
		displayName: 'Variables (JSON)',
		name: 'variablesJson',
		type: 'json',
		default: '{}',
		displayOptions: { show: { ...show, variablesMode: ['json'] } },
		description:
			'Variable values keyed by component. Positional: {"header": ["Sale"], "body": ["Pablo", "ORD-123"], "buttons": [{"index": 0, "value": "promo"}]}. Named: {"body": {"customer_name": "Pablo"}}. Leave {} for a template without variables.',
	},
	sendOptions(show),
];
