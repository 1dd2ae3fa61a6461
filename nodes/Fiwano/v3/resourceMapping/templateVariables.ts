import type {
	IDataObject,
	ILoadOptionsFunctions,
	ResourceMapperField,
	ResourceMapperFields,
} from 'n8n-workflow';

import { TEMPLATE_KEY_SEPARATOR } from '../resources/message/sendTemplate';
import { fiwanoApiRequest } from '../../../shared/transport';

/** TemplateVariableInfo of the API's variable summary. */
interface VariableInfo {
	position?: number;
	name?: string | null;
	example?: string | null;
}

/** A button entry of the summary: `{ index, type, text, example, ... }`. */
interface ButtonInfo extends VariableInfo {
	index?: number;
	type?: string;
	text?: string | null;
}

interface VariablesSummary {
	parameter_format?: string;
	header?: VariableInfo[] | null;
	body?: VariableInfo[] | null;
	buttons?: ButtonInfo[] | null;
}

interface TemplateOut {
	name: string;
	language: string;
	status: string;
	parameter_format?: string;
	variables?: VariablesSummary | null;
}

/**
 * Labels must stay readable at the default panel width (about 40 characters, less the
 * remove-field icon). n8n's resource mapper shows neither placeholders nor descriptions of
 * fields, so a short example follows the label and a long one is left out.
 */
const MAX_EXAMPLE_LENGTH = 16;

const withExample = (label: string, info: VariableInfo) => {
	const example = String(info.example ?? '').trim();
	return example && example.length <= MAX_EXAMPLE_LENGTH ? `${label} · ${example}` : label;
};

function field(id: string, displayName: string): ResourceMapperField {
	return {
		id,
		displayName,
		required: true,
		defaultMatch: false,
		canBeUsedToMatch: false,
		display: true,
		type: 'string',
	};
}

/** Form fields for a variable summary; ids are what sendTemplate.ts's variablesFromForm reads. */
export function fieldsFromSummary(
	summary: VariablesSummary | null | undefined,
): ResourceMapperField[] {
	const fields: ResourceMapperField[] = [];
	const named = summary?.parameter_format === 'named';
	for (const [part, label] of [
		['header', 'Header'],
		['body', 'Body'],
	] as const) {
		for (const info of summary?.[part] ?? []) {
			const key = named && info.name ? info.name : String(info.position ?? fields.length + 1);
			fields.push(field(`${part}_${key}`, withExample(`${label} ${key}`, info)));
		}
	}
	for (const button of summary?.buttons ?? []) {
		// The API counts buttons from 0 (the id keeps that index); people count from 1.
		const index = Number(button.index ?? 0);
		fields.push(field(`button_${index}`, withExample(`Button ${index + 1} URL suffix`, button)));
	}
	return fields;
}

/**
 * Resource mapper of Send Template: one field per variable of the selected APPROVED template,
 * read from the template's own variable summary (`variables` of TemplateOut).
 */
export async function getTemplateVariables(
	this: ILoadOptionsFunctions,
): Promise<ResourceMapperFields> {
	const channelId = String(this.getCurrentNodeParameter('channelId', { extractValue: true }) ?? '');
	const picked = String(this.getCurrentNodeParameter('template', { extractValue: true }) ?? '');
	const [name, listedLanguage] = picked.split(TEMPLATE_KEY_SEPARATOR);
	const language = listedLanguage || String(this.getCurrentNodeParameter('language') ?? '');
	if (!channelId || !name) {
		return { fields: [], emptyFieldsNotice: 'Select a channel and a template first.' };
	}
	const { templates } = (await fiwanoApiRequest.call(
		this,
		'GET',
		`/channels/${encodeURIComponent(channelId)}/templates`,
		{ qs: { sync: 'false', status: 'APPROVED' } },
	)) as { templates: TemplateOut[] };
	const template = templates.find(
		(t) => t.status === 'APPROVED' && t.name === name && (!language || t.language === language),
	);
	if (!template) {
		return {
			fields: [],
			emptyFieldsNotice: `No APPROVED template "${name}"${language ? ` in ${language}` : ''} on this channel. Only approved templates can be sent.`,
		};
	}
	const summary: VariablesSummary = {
		parameter_format: template.parameter_format,
		...((template.variables ?? {}) as IDataObject),
	};
	const fields = fieldsFromSummary(summary);
	return fields.length
		? { fields }
		: {
				fields,
				emptyFieldsNotice: `${template.name} (${template.language}) has no variables; it is sent as it is.`,
			};
}
