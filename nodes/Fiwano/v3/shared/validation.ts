import { NodeOperationError } from 'n8n-workflow';
import type { IDataObject, IExecuteSingleFunctions, IHttpRequestOptions } from 'n8n-workflow';

/** Throws a node error that names the field and says how to fix it. */
export function invalidField(
	context: IExecuteSingleFunctions,
	field: string,
	problem: string,
	fix: string,
): never {
	throw new NodeOperationError(context.getNode(), `${field}: ${problem}`, {
		itemIndex: context.getItemIndex(),
		description: fix,
	});
}

/** Code points, as the API counts them (an emoji is one, not two UTF-16 units). */
export const codePointLength = (text: string) => Array.from(text).length;

/** Checks what the API checks for media URLs, so a bad URL fails before any request. */
export function mediaUrlProblem(url: string): string | undefined {
	if (!url) return 'is empty';
	if (url.length > 2048) return `is ${url.length} characters long; the limit is 2048`;
	let parsed: URL;
	try {
		parsed = new URL(url);
	} catch {
		return 'is not a valid URL';
	}
	if (parsed.protocol !== 'https:') return 'must start with https://';
	if (parsed.username || parsed.password) return 'must not contain a user name or password';
	return undefined;
}

export async function validateMediaMessage(
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	const body = requestOptions.body as IDataObject;
	const url = String(body.media_url ?? '').trim();
	const urlProblem = mediaUrlProblem(url);
	if (urlProblem) {
		invalidField(
			this,
			'Media URL',
			urlProblem,
			'Use a public or signed HTTPS URL (S3/GCS/R2 presigned, valid for at least 5 minutes) without credentials in it.',
		);
	}
	body.media_url = url;
	const limits: Array<[string, string, number, string]> = [
		['caption', 'Caption', 1024, 'Shorten the caption, or send the rest as a text message.'],
		['filename', 'File Name', 255, 'Use a shorter file name.'],
	];
	for (const [key, field, limit, fix] of limits) {
		const value = body[key];
		const length = typeof value === 'string' ? codePointLength(value) : 0;
		if (length > limit) {
			invalidField(this, field, `is ${length} characters long; the limit is ${limit}`, fix);
		}
	}
	return requestOptions;
}

/** Parses a JSON parameter that may arrive as text or already as an object. */
export function jsonParameter(
	context: IExecuteSingleFunctions,
	field: string,
	value: unknown,
	example: string,
): unknown {
	if (typeof value !== 'string') return value;
	if (!value.trim()) return undefined;
	try {
		return JSON.parse(value);
	} catch (error) {
		return invalidField(
			context,
			field,
			`is not valid JSON (${(error as Error).message})`,
			`Enter JSON such as ${example}`,
		);
	}
}
