import type {
	ICredentialTestFunctions,
	ICredentialsDecrypted,
	IDataObject,
	INodeCredentialTestResult,
} from 'n8n-workflow';

import { parseErrorBody } from './apiAnswer';
import { API_PREFIX, apiBaseUrl, CLIENT_HEADERS } from './transport';

/** Name under which every node version that uses the credential registers the test (testedBy). */
export const CREDENTIAL_TEST = 'fiwanoApiCredentialTest';

export const REJECTED_KEY =
	'Fiwano rejected the API key. Copy a valid key (it starts with mip_live_) from the API Keys page of the portal.';
export const BILLING =
	'The API key is valid but the Fiwano trial or subscription has ended. Renew it on the Billing page of the portal.';

interface FullResponse {
	statusCode?: number;
	body?: unknown;
}

function apiDetail(body: unknown): string | undefined {
	const { detail } = parseErrorBody(body);
	if (typeof detail === 'string' && detail.trim()) return detail.trim().slice(0, 300);
	const message = (detail as IDataObject | undefined)?.message;
	return typeof message === 'string' && message.trim() ? message.trim().slice(0, 300) : undefined;
}

const withDetail = (text: string, detail: string | undefined) =>
	detail ? `${text} (Fiwano: ${detail})` : text;

/**
 * Credential test as a function, not the credential's declarative `test`: n8n 1.x's tester only
 * applies a declarative test's status rules when the request error keeps its `cause`, which
 * n8n-workflow 1.x's ExecutionBaseError drops, so a wrong key showed n8n's generic text there.
 * A function reads the status itself and says the same on every n8n version.
 */
export async function fiwanoApiCredentialTest(
	this: ICredentialTestFunctions,
	credential: ICredentialsDecrypted,
): Promise<INodeCredentialTestResult> {
	const data = credential.data ?? {};
	const apiKey = typeof data.apiKey === 'string' ? data.apiKey.trim() : '';
	if (!apiKey)
		return {
			status: 'Error',
			message: 'Enter the API Key from the API Keys page of the Fiwano portal.',
		};
	// The credential-test context offers only the legacy request helper (no httpRequest).
	const { request } = this.helpers;
	let response: FullResponse;
	try {
		response = (await request({
			method: 'GET',
			uri: `${apiBaseUrl(data.baseUrl)}${API_PREFIX}/channels`,
			headers: { 'X-API-Key': apiKey, ...CLIENT_HEADERS },
			json: true,
			simple: false,
			resolveWithFullResponse: true,
		})) as FullResponse;
	} catch (error) {
		const reason =
			(error as { code?: unknown; message?: unknown }).code ?? (error as Error).message;
		return {
			status: 'Error',
			message: `Could not reach Fiwano at ${apiBaseUrl(data.baseUrl)} (${String(reason)}). Check the Base URL of the credential.`,
		};
	}
	const status = Number(response.statusCode) || 0;
	if (status >= 200 && status < 300) return { status: 'OK', message: 'Connection successful!' };
	const detail = apiDetail(response.body);
	if (status === 401 || status === 403)
		return { status: 'Error', message: withDetail(REJECTED_KEY, detail) };
	if (status === 402) return { status: 'Error', message: withDetail(BILLING, detail) };
	if (status === 404) {
		return {
			status: 'Error',
			message: `No Fiwano API at ${apiBaseUrl(data.baseUrl)} (HTTP 404). Set Base URL to https://fiwano.com, without /api/v1.`,
		};
	}
	return {
		status: 'Error',
		message: withDetail(
			`Fiwano answered HTTP ${status || 'without a status'}. Try again later.`,
			detail,
		),
	};
}
