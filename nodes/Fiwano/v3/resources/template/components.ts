import type {
	IDataObject,
	IExecuteSingleFunctions,
	IHttpRequestOptions,
	INodeProperties,
} from 'n8n-workflow';

import { invalidField, jsonParameter } from '../../shared/validation';

const COMPONENTS_EXAMPLE =
	'[{"type": "BODY", "text": "Hi {{1}}, your order {{2}} is confirmed.", "example": {"body_text": [["Pablo", "ORD-123"]]}}]';

/** Variable names in order of appearance: {{1}} -> "1", {{customer_name}} -> "customer_name". */
export function templateVariables(text: string): string[] {
	return Array.from(text.matchAll(/{{\s*([A-Za-z0-9_]+)\s*}}/g), (match) => match[1]);
}

const splitExamples = (value: unknown) =>
	String(value ?? '')
		.split(',')
		.map((part) => part.trim())
		.filter(Boolean);

/** Meta's example block: positional `[[...]]` lists or named `{param_name, example}` pairs. */
function exampleFor(kind: 'header' | 'body', text: string, examples: string[], named: boolean) {
	const names = templateVariables(text);
	if (!names.length) return undefined;
	if (named) {
		return {
			[`${kind}_text_named_params`]: names.map((name, i) => ({ param_name: name, example: examples[i] ?? '' })),
		};
	}
	return { [`${kind}_text`]: kind === 'body' ? [examples] : examples };
}

/** Meta reviews templates with examples: exactly one per variable, in order. */
function checkExampleCount(
	context: IExecuteSingleFunctions,
	field: string,
	textName: string,
	text: string,
	examples: string[],
) {
	const variables = templateVariables(text).length;
	if (variables !== examples.length) {
		invalidField(
			context,
			field,
			`has ${examples.length} value(s) but the ${textName} has ${variables} variable(s)`,
			'Meta reviews templates with examples: give one comma-separated example per variable, in order.',
		);
	}
}

function componentsFromFields(context: IExecuteSingleFunctions): IDataObject[] {
	const bodyText = String(context.getNodeParameter('bodyText', '')).trim();
	if (!bodyText) {
		invalidField(context, 'Body Text', 'is empty', 'Every template needs a body text, e.g. "Hi {{1}}, your order {{2}} is confirmed."');
	}
	const extra = context.getNodeParameter('componentOptions', {}) as IDataObject;
	const named = extra.parameterFormat === 'named';
	const bodyExamples = splitExamples(context.getNodeParameter('bodyExamples', ''));
	checkExampleCount(context, 'Body Examples', 'body text', bodyText, bodyExamples);
	const components: IDataObject[] = [];
	if (extra.headerText) {
		const headerText = String(extra.headerText);
		const headerExamples = splitExamples(extra.headerExample);
		checkExampleCount(context, 'Header Example', 'header text', headerText, headerExamples);
		components.push({
			type: 'HEADER',
			format: 'TEXT',
			text: headerText,
			example: exampleFor('header', headerText, headerExamples, named),
		});
	}
	components.push({ type: 'BODY', text: bodyText, example: exampleFor('body', bodyText, bodyExamples, named) });
	if (extra.footerText) components.push({ type: 'FOOTER', text: String(extra.footerText) });
	return components.map((component) =>
		Object.fromEntries(Object.entries(component).filter(([, value]) => value !== undefined)),
	);
}

/** Builds `components` (and `parameter_format` on create) for Template > Create and Update. */
export async function buildComponents(
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	const body = requestOptions.body as IDataObject;
	if (this.getNodeParameter('componentsMode', 'fields') === 'json') {
		const components = jsonParameter(this, 'Components (JSON)', this.getNodeParameter('componentsJson', ''), COMPONENTS_EXAMPLE);
		if (!Array.isArray(components) || !components.length) {
			invalidField(this, 'Components (JSON)', 'must be a non-empty JSON array of components', `Enter JSON such as ${COMPONENTS_EXAMPLE}`);
		}
		body.components = components as IDataObject[];
	} else {
		body.components = componentsFromFields(this);
		const format = (this.getNodeParameter('componentOptions', {}) as IDataObject).parameterFormat;
		if (this.getNodeParameter('operation') === 'create') body.parameter_format = format ?? 'positional';
	}
	return requestOptions;
}

/** Parameters describing a template's content, shown for Create and Update. */
export function componentFields(show: Record<string, string[]>): INodeProperties[] {
	const fieldsOnly = { ...show, componentsMode: ['fields'] };
	return [
		{
			displayName: 'Define Content',
			name: 'componentsMode',
			type: 'options',
			default: 'fields',
			displayOptions: { show },
			options: [
				{ name: 'Using Fields', value: 'fields', description: 'Header, body and footer text with examples' },
				{ name: 'Using JSON', value: 'json', description: 'Full components array, e.g. with buttons' },
			],
			routing: { send: { preSend: [buildComponents] } },
		},
		{
			displayName: 'Body Text',
			name: 'bodyText',
			type: 'string',
			required: true,
			default: '',
			typeOptions: { rows: 3 },
			placeholder: 'e.g. Hi {{1}}, your order {{2}} is confirmed.',
			displayOptions: { show: fieldsOnly },
			description: 'Main text. Variables are {{1}}, {{2}}… (positional) or {{customer_name}} (named).',
		},
		{
			displayName: 'Body Examples',
			name: 'bodyExamples',
			type: 'string',
			default: '',
			placeholder: 'e.g. Pablo, ORD-123',
			displayOptions: { show: fieldsOnly },
			description: 'One example value per body variable, comma-separated, in order. Meta needs them for review.',
		},
		{
			displayName: 'Content Options',
			name: 'componentOptions',
			type: 'collection',
			placeholder: 'Add Option',
			default: {},
			displayOptions: { show: fieldsOnly },
			options: [
				{ displayName: 'Footer Text', name: 'footerText', type: 'string', default: '', description: 'Small grey text under the body, without variables' },
				{ displayName: 'Header Example', name: 'headerExample', type: 'string', default: '', description: 'Example value for the header variable' },
				{ displayName: 'Header Text', name: 'headerText', type: 'string', default: '', description: 'Bold text above the body; may hold one variable' },
				{
					displayName: 'Parameter Format',
					name: 'parameterFormat',
					type: 'options',
					default: 'positional',
					options: [
						{ name: 'Named', value: 'named', description: 'Variables like {{customer_name}}' },
						{ name: 'Positional', value: 'positional', description: 'Variables like {{1}}, {{2}}' },
					],
					description: 'How variables are written in the texts (fixed when the template is created)',
				},
			],
		},
		{
			displayName: 'Components (JSON)',
			name: 'componentsJson',
			type: 'json',
			default: COMPONENTS_EXAMPLE,
			displayOptions: { show: { ...show, componentsMode: ['json'] } },
			description: 'Template components as the Fiwano API takes them: BODY required; HEADER (text), FOOTER and BUTTONS optional',
		},
	];
}
