import { NodeApiError } from 'n8n-workflow';
import type { ILoadOptionsFunctions, INodeListSearchResult, JsonObject } from 'n8n-workflow';

import { TEMPLATE_KEY_SEPARATOR } from '../resources/message/sendTemplate';
import { fiwanoApiRequest } from '../../../shared/transport';

interface Template {
	id: string;
	name: string;
	language: string;
	category: string;
	status: string;
}

const CHANNEL_TYPE_NAMES: Record<string, string> = {
	instagram: 'an Instagram',
	facebook: 'a Messenger',
};

/** Why a channel has no templates, or undefined when it is a WhatsApp channel. */
async function notWhatsAppHint(
	context: ILoadOptionsFunctions,
	channelId: string,
): Promise<string | undefined> {
	const channel = (await fiwanoApiRequest
		.call(context, 'GET', `/channels/${encodeURIComponent(channelId)}`)
		.catch(() => undefined)) as { channel_type?: string } | undefined;
	const type = String(channel?.channel_type ?? '');
	if (!type || type === 'whatsapp') return undefined;
	return `No templates: this is ${CHANNEL_TYPE_NAMES[type] ?? `a ${type}`} channel. Templates exist only on WhatsApp channels; pick a WhatsApp channel above.`;
}

/**
 * Templates of the selected channel. Only WhatsApp channels have templates; for another channel
 * the API refuses the call, and the list shows one entry saying so instead of an error.
 */
async function listTemplates(
	context: ILoadOptionsFunctions,
	status?: string,
): Promise<Template[] | { hint: string }> {
	const channelId = String(
		context.getCurrentNodeParameter('channelId', { extractValue: true }) ?? '',
	);
	if (!channelId) return [];
	try {
		const { templates } = (await fiwanoApiRequest.call(
			context,
			'GET',
			`/channels/${encodeURIComponent(channelId)}/templates`,
			{ qs: { sync: 'false', ...(status ? { status } : {}) } },
		)) as { templates: Template[] };
		return templates;
	} catch (error) {
		// A channel of another type is refused with 400 (or a 500 on some API versions).
		const status = Number((error as { httpCode?: unknown }).httpCode) || 0;
		if (status !== 400 && status < 500)
			throw new NodeApiError(context.getNode(), error as JsonObject);
		const hint = await notWhatsAppHint(context, channelId);
		if (hint) return { hint };
		throw new NodeApiError(context.getNode(), error as JsonObject);
	}
}

/** A single entry that explains the empty list; its empty value never passes as a template. */
const hintResult = (hint: string): INodeListSearchResult => ({
	results: [{ name: hint, value: '' }],
});

const matches = (filter: string | undefined, ...fields: string[]) =>
	!filter || fields.join(' ').toLowerCase().includes(filter.trim().toLowerCase());

/** Templates of the selected channel for Template > Get/Update/Delete (value: template ID). */
export async function searchTemplates(
	this: ILoadOptionsFunctions,
	filter?: string,
): Promise<INodeListSearchResult> {
	const templates = await listTemplates(this);
	if (!Array.isArray(templates)) return hintResult(templates.hint);
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
	if (!Array.isArray(templates)) return hintResult(templates.hint);
	return {
		results: templates
			.filter((t) => t.status === 'APPROVED' && matches(filter, t.name, t.language, t.category))
			.map((t) => ({
				name: `${t.name} · ${t.language} · ${t.category}`,
				value: `${t.name}${TEMPLATE_KEY_SEPARATOR}${t.language}`,
			})),
	};
}
