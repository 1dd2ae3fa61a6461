import type { IDataObject, IExecuteFunctions, IHttpRequestMethods } from 'n8n-workflow';

import { CREDENTIAL_TYPE } from '../../shared/transport';
import { checkedRecipient, parsedJsonField } from './validation';

/** One published operation as an API call; body and query are sent only with at least one key. */
export interface LegacyRequest {
	method: IHttpRequestMethods;
	path: string;
	body?: IDataObject;
	qs?: IDataObject;
}

type Build = (this: IExecuteFunctions, itemIndex: number) => Promise<LegacyRequest>;

/** An ID for a path segment; encoding is the one change from the published node (safer URLs). */
function pathId(context: IExecuteFunctions, name: string, itemIndex: number): string {
	return encodeURIComponent(String(context.getNodeParameter(name, itemIndex)));
}

/** The credential's account-wide webhook secret, trimmed; '' when unset. */
async function credentialWebhookSecret(context: IExecuteFunctions): Promise<string> {
	try {
		const credentials = await context.getCredentials(CREDENTIAL_TYPE);
		return String(credentials.webhookSecret ?? '').trim();
	} catch {
		return '';
	}
}

const COMPONENTS = {
	label: 'Components (JSON)',
	example: '[{"type":"BODY","text":"Hello {{1}}!"}]',
};
const VARIABLES = {
	label: 'Variables',
	example: '{"body":["Ana"]} (positional) or {"body":{"name":"Ana"}} (named), or leave it empty',
	optional: true,
};

const channel: Record<string, Build> = {
	async getAll() {
		return { method: 'GET', path: '/channels' };
	},
	async get(i) {
		return { method: 'GET', path: `/channels/${pathId(this, 'channelId', i)}` };
	},
	async setupUrl(i) {
		const body = {
			channel_type: this.getNodeParameter('channelType', i),
			redirect_uri: this.getNodeParameter('redirectUri', i),
		} as IDataObject;
		return { method: 'POST', path: '/channels/setup-url', body };
	},
	async exchangeCode(i) {
		const fields = this.getNodeParameter('additionalFields', i, {}) as IDataObject;
		const body: IDataObject = { code: this.getNodeParameter('code', i) };
		if (fields.webhook_url) body.webhook_url = fields.webhook_url;
		const secret =
			fields.webhook_secret || (fields.webhook_url ? await credentialWebhookSecret(this) : '');
		if (secret) body.webhook_secret = secret;
		const events = fields.webhook_events;
		if (Array.isArray(events) && events.length > 0) body.webhook_events = events;
		// Present but false still means something (relay echoes without status tracking).
		if (fields.echo_statuses !== undefined) body.echo_statuses = fields.echo_statuses;
		return { method: 'POST', path: '/channels/exchange-code', body };
	},
	async update(i) {
		const fields = this.getNodeParameter('updateFields', i, {}) as IDataObject;
		const body: IDataObject = {};
		const clearing = fields.clear_webhook_url === true;
		if (clearing) body.webhook_url = '';
		else if (fields.webhook_url) body.webhook_url = fields.webhook_url;
		// The credential secret only comes in when a URL is being set, never while clearing.
		const secret =
			fields.webhook_secret ||
			(!clearing && fields.webhook_url ? await credentialWebhookSecret(this) : '');
		if (secret) body.webhook_secret = secret;
		// An empty list is sent: it turns every event off.
		if (fields.webhook_events) body.webhook_events = fields.webhook_events;
		if (fields.echo_statuses !== undefined) body.echo_statuses = fields.echo_statuses;
		if (fields.release_subscription_slot === true) {
			body.subscription_id = '';
		} else {
			const target = String(fields.subscription_id ?? '').trim();
			if (target) body.subscription_id = target;
		}
		return { method: 'PATCH', path: `/channels/${pathId(this, 'channelId', i)}`, body };
	},
	async delete(i) {
		return { method: 'DELETE', path: `/channels/${pathId(this, 'channelId', i)}` };
	},
};

/** channel_id and recipient, which every send carries (recipient checked as published). */
function sendBase(context: IExecuteFunctions, i: number): IDataObject {
	return {
		channel_id: context.getNodeParameter('channelId', i),
		recipient: checkedRecipient.call(context, i),
	};
}

const message: Record<string, Build> = {
	async send(i) {
		const body = { ...sendBase(this, i), text: this.getNodeParameter('text', i) } as IDataObject;
		return { method: 'POST', path: '/messages/send', body };
	},
	async sendTemplate(i) {
		const body: IDataObject = {
			...sendBase(this, i),
			template_name: this.getNodeParameter('templateName', i),
			language: this.getNodeParameter('language', i),
		};
		const variables = parsedJsonField.call(this, 'variables', i, VARIABLES);
		if (variables !== undefined) body.variables = variables;
		return { method: 'POST', path: '/messages/send-template', body };
	},
	async sendMedia(i) {
		const body: IDataObject = {
			...sendBase(this, i),
			media_type: this.getNodeParameter('mediaType', i),
			media_url: this.getNodeParameter('mediaUrl', i),
		};
		const extra = this.getNodeParameter('mediaAdditionalFields', i, {}) as IDataObject;
		if (extra.caption) body.caption = extra.caption;
		if (extra.filename) body.filename = extra.filename;
		return { method: 'POST', path: '/messages/send-media', body };
	},
};

const templatePath = (context: IExecuteFunctions, i: number, withTemplate = false) =>
	`/channels/${pathId(context, 'channelId', i)}/templates` +
	(withTemplate ? `/${pathId(context, 'templateId', i)}` : '');

const template: Record<string, Build> = {
	async getAll(i) {
		const filters = this.getNodeParameter('filters', i, {}) as IDataObject;
		const qs: IDataObject = {};
		if (filters.status) qs.status = filters.status;
		if (filters.sync !== undefined) qs.sync = String(filters.sync);
		return { method: 'GET', path: templatePath(this, i), qs };
	},
	async get(i) {
		return { method: 'GET', path: templatePath(this, i, true) };
	},
	async create(i) {
		const body: IDataObject = {
			name: this.getNodeParameter('templateName', i),
			language: this.getNodeParameter('language', i),
			category: this.getNodeParameter('category', i),
			components: parsedJsonField.call(this, 'components', i, COMPONENTS),
		};
		const parameterFormat = this.getNodeParameter('parameterFormat', i, '');
		if (parameterFormat) body.parameter_format = parameterFormat;
		return { method: 'POST', path: templatePath(this, i), body };
	},
	async update(i) {
		const body: IDataObject = {
			components: parsedJsonField.call(this, 'components', i, COMPONENTS),
		};
		const category = this.getNodeParameter('updateCategory', i, '');
		if (category) body.category = category;
		return { method: 'PUT', path: templatePath(this, i, true), body };
	},
	async delete(i) {
		const qs: IDataObject = {};
		if (this.getNodeParameter('allLanguages', i, false)) qs.all_languages = 'true';
		return { method: 'DELETE', path: templatePath(this, i, true), qs };
	},
};

const contact: Record<string, Build> = {
	async getProfile(i) {
		const channelId = pathId(this, 'channelId', i);
		return { method: 'GET', path: `/channels/${channelId}/profile/${pathId(this, 'userId', i)}` };
	},
};

const redirect: Record<string, Build> = {
	async getAll() {
		return { method: 'GET', path: '/redirects' };
	},
	async add(i) {
		const body = { uri_pattern: this.getNodeParameter('uriPattern', i) } as IDataObject;
		return { method: 'POST', path: '/redirects', body };
	},
	async delete(i) {
		return { method: 'DELETE', path: `/redirects/${pathId(this, 'redirectId', i)}` };
	},
};

const subscription: Record<string, Build> = {
	async getAll() {
		return { method: 'GET', path: '/subscriptions' };
	},
};

/** Every JSON operation of versions 1 and 2 (Media > Download is binary: see media.ts). */
export const REQUESTS: Record<string, Record<string, Build>> = {
	channel,
	contact,
	message,
	redirect,
	subscription,
	template,
};
