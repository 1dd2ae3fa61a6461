import type {
	IDataObject,
	IExecuteFunctions,
	IExecuteSingleFunctions,
	IHookFunctions,
	IHttpRequestMethods,
	IHttpRequestOptions,
	ILoadOptionsFunctions,
	IN8nHttpFullResponse,
	INode,
	IWebhookFunctions,
} from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { apiError } from './errors';
import { cancelSignalOf, isRetryableStatus, withRetries } from './retry';

export const CREDENTIAL_TYPE = 'fiwanoApi';
export const API_PREFIX = '/api/v1';

/** Sent with every request: Fiwano's audit log tells changes made by the official nodes apart. */
export const CLIENT_HEADERS = { 'X-Fiwano-Client': 'n8n-nodes-fiwano' };

type FiwanoContext =
	| IExecuteFunctions
	| IExecuteSingleFunctions
	| IHookFunctions
	| ILoadOptionsFunctions
	| IWebhookFunctions;

/** Credential Base URL without trailing slashes; the declarative requestDefaults use the same rule. */
export function apiBaseUrl(baseUrl: unknown): string {
	// A loop, not /\/+$/: that regex is quadratic on a long run of slashes before the end.
	const url = String(baseUrl || 'https://fiwano.com');
	let end = url.length;
	while (end > 0 && url[end - 1] === '/') end--;
	return url.slice(0, end);
}

/**
 * Programmatic call to the Fiwano API (list searches, resource mapper, channel look-ups,
 * trigger lifecycle): same credential, same base URL, the same error mapping and the same
 * 429/503 retry policy (shared/retry.ts) as the declarative operations.
 */
export async function fiwanoApiRequest<T = IDataObject>(
	this: FiwanoContext,
	method: IHttpRequestMethods,
	path: string,
	options: { body?: IDataObject; qs?: IDataObject } = {},
): Promise<T> {
	const credentials = await this.getCredentials(CREDENTIAL_TYPE);
	const request: IHttpRequestOptions = {
		method,
		baseURL: apiBaseUrl(credentials.baseUrl),
		url: `${API_PREFIX}${path}`,
		headers: { ...CLIENT_HEADERS },
		qs: options.qs,
		body: options.body,
		json: true,
		ignoreHttpStatusErrors: true,
		returnFullResponse: true,
	};
	return await withRetries(async () => {
		const response = (await this.helpers.httpRequestWithAuthentication.call(this, CREDENTIAL_TYPE, {
			...request,
		})) as IN8nHttpFullResponse;
		if (response.statusCode < 400) return { result: response.body as T };
		const error = apiError(this.getNode(), response.statusCode, response.body, response.headers);
		if (isRetryableStatus(response.statusCode)) {
			return { retry: { error, headers: response.headers } };
		}
		throw error;
	}, cancelSignalOf(this));
}

/** Carries the last 429/503 answer of a download out of the retry loop, to be returned. */
class LastAnswer extends Error {
	constructor(readonly answer: IN8nHttpFullResponse) {
		super(`HTTP ${answer.statusCode}`);
	}
}

/**
 * Authenticated downloads never follow a redirect: n8n would resend X-API-Key to whatever host
 * the Location names. A 3xx answer becomes this error instead.
 */
export function redirectRefused(
	node: INode,
	statusCode: number,
	headers: Record<string, unknown> | undefined,
	requestUrl: string,
): NodeOperationError | undefined {
	if (statusCode < 300 || statusCode >= 400) return undefined;
	const raw = headers?.location ?? headers?.Location;
	const location = String((Array.isArray(raw) ? raw[0] : raw) ?? '');
	let origin = 'an unreadable location';
	try {
		origin = new URL(location, requestUrl).origin;
	} catch {
		// keep the placeholder: the Location header is not a URL
	}
	return new NodeOperationError(
		node,
		`Fiwano answered the media download with a redirect to ${origin}; the API key is not sent to other hosts. Download the file again (files expire 60 minutes after the webhook), and check that the credential's Base URL is the Fiwano API itself, not a proxy or an old address that redirects.`,
		{
			description: `HTTP ${statusCode} redirect to ${origin}; the request was not repeated there.`,
		},
	);
}

export interface DownloadResponse {
	statusCode: number;
	headers: Record<string, unknown>;
	body: Buffer;
}

/**
 * Binary GET with the credential (e.g. inbound media). `target` is an API path such as
 * `/media/abc` or an absolute URL the caller has already checked belongs to the API.
 * HTTP errors are returned, not thrown, so the caller can decide what a 404 or 410 means.
 */
export async function fiwanoApiDownload(
	this: FiwanoContext,
	target: string,
	options: { timeout?: number } = {},
): Promise<DownloadResponse> {
	const absolute = /^https?:\/\//i.test(target);
	const credentials = absolute ? undefined : await this.getCredentials(CREDENTIAL_TYPE);
	const request: IHttpRequestOptions = {
		method: 'GET',
		...(absolute
			? { url: target }
			: { baseURL: apiBaseUrl(credentials?.baseUrl), url: `${API_PREFIX}${target}` }),
		headers: { ...CLIENT_HEADERS },
		encoding: 'arraybuffer',
		json: false,
		timeout: options.timeout,
		ignoreHttpStatusErrors: true,
		returnFullResponse: true,
		disableFollowRedirect: true,
	};
	// 429/503 are retried like every other request; what is left after the tries is returned.
	const response = await withRetries<IN8nHttpFullResponse>(async () => {
		const answer = (await this.helpers.httpRequestWithAuthentication.call(this, CREDENTIAL_TYPE, {
			...request,
		})) as IN8nHttpFullResponse;
		return isRetryableStatus(answer.statusCode)
			? { result: answer, retry: { error: new LastAnswer(answer), headers: answer.headers } }
			: { result: answer };
	}, cancelSignalOf(this)).catch((error: unknown) => {
		if (error instanceof LastAnswer) return error.answer;
		throw error;
	});
	const refused = redirectRefused(
		this.getNode(),
		response.statusCode,
		response.headers as Record<string, unknown>,
		absolute ? target : `${request.baseURL}${request.url}`,
	);
	if (refused) throw refused;
	const body = response.body as unknown;
	let bytes: Buffer;
	if (Buffer.isBuffer(body)) bytes = body;
	else if (body instanceof ArrayBuffer) bytes = Buffer.from(body);
	else bytes = Buffer.from(typeof body === 'string' ? body : '');
	return {
		statusCode: response.statusCode,
		headers: (response.headers ?? {}) as Record<string, unknown>,
		body: bytes,
	};
}
