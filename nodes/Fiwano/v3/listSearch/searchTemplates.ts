import type { ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { TEMPLATE_KEY_SEPARATOR } from '../resources/message/sendTemplate';
import { fiwanoApiRequest } from '../../../shared/transport';

interface Template {
	id: string;
	name: string;
	language: string;
	category: string;
	status: string;
}

async function listTemplates(
	context: ILoadOptionsFunctions,
	status?: string,
): Promise<Template[]> {
	const channelId = String(context.getCurrentNodeParameter('channelId', { extractValue: true }) ?? '');
	if (!channelId) return [];
	const { templates } = (await fiwanoApiRequest.call(
		context,
		'GET',
		`/channels/${encodeURIComponent(channelId)}/templates`,
		{ qs: { sync: 'false', ...(status ? { status } : {}) } },
	)) as { templates: Template[] };
	return templates;
}

const matches = (filter: string | undefined, ...fields: string[]) =>
	!filter || fields.join(' ').toLowerCase().includes(filter.trim().toLowerCase());

/** Templates of the selected channel for Template > Get/Update/Delete (value: template ID). */
export async function searchTemplates(
	this: ILoadOptionsFunctions,
	filter?: string,
): Promise<INodeListSearchResult> {
	const templates = await listTemplates(this);
	return {
		results: templates
			.filter((t) => matches(filter, t.name, t.language, t.id))
			.map((t) => ({ name: `${t.name} · ${t.language} · ${t.status}`, value: t.id })),
	};
}

/** APPROVED templates for Message > Send Template (value: "name|language"). */
export async function searchApprovedTemplates(
	this: ILoadOptionsFunctions,
	filter?: string,
): Promise<INodeListSearchResult> {
	const templates = await listTemplates(this, 'APPROVED');
	return {
		results: templates
			.filter((t) => t.status === 'APPROVED' && matches(filter, t.name, t.language, t.category))
			.map((t) => ({
				name: `${t.name} · ${t.language} · ${t.category}`,
				value: `${t.name}${TEMPLATE_KEY_SEPARATOR}${t.language}`,
			})),
	};
}
