import type { IDataObject } from 'n8n-workflow';

/* Reading what the API answered: its body (JSON, text or bytes), its words, its Retry-After. */

/** The API body as an object, whether axios handed over JSON, text or a Buffer. */
export function parseErrorBody(body: unknown): IDataObject {
	let value = body;
	if (Buffer.isBuffer(value)) value = value.toString('utf8');
	if (value instanceof ArrayBuffer) value = Buffer.from(value).toString('utf8');
	if (typeof value === 'string') {
		try {
			value = JSON.parse(value);
		} catch {
			const text = (value as string).trim();
			return text ? { detail: text.slice(0, 500) } : {};
		}
	}
	return value !== null && typeof value === 'object' && !Array.isArray(value)
		? (value as IDataObject)
		: {};
}

/** Seconds from a Retry-After header (delta-seconds or HTTP date), if present and sane. */
export function retryAfterSeconds(
	headers: Record<string, unknown> | undefined,
): number | undefined {
	const raw = headers?.['retry-after'] ?? headers?.['Retry-After'];
	const value = String((Array.isArray(raw) ? raw[0] : raw) ?? '');
	if (value === '') return undefined;
	const seconds = Number(value);
	if (Number.isFinite(seconds)) return Math.max(0, Math.ceil(seconds));
	const date = Date.parse(value);
	if (Number.isNaN(date)) return undefined;
	return Math.max(0, Math.ceil((date - Date.now()) / 1000));
}

/** FastAPI 422 entries: `{ loc: ['body', 'media_url'], msg }` -> `media_url: msg`. */
function describeValidationErrors(detail: unknown[]): string {
	return detail
		.map((entry) => {
			const { loc, msg } = (entry ?? {}) as { loc?: unknown[]; msg?: string };
			// Only the leading location is dropped: a field may itself be called "body" (variables.body.0).
			const path = [...(loc ?? [])];
			if (['body', 'query', 'path'].includes(String(path[0]))) path.shift();
			const field = path.join('.');
			return field ? `${field}: ${msg ?? 'invalid'}` : (msg ?? 'invalid value');
		})
		.join('; ');
}

/** The API's own words for a failure: `detail` as text, structured object or field list. */
export function detailText(body: IDataObject): string | undefined {
	const { detail } = body;
	if (typeof detail === 'string') return detail;
	if (Array.isArray(detail)) return describeValidationErrors(detail);
	if (detail && typeof detail === 'object') {
		const message = (detail as IDataObject).message;
		if (typeof message === 'string') return message;
		return JSON.stringify(detail);
	}
	if (typeof body.error === 'string') return body.error;
	if (typeof body.message === 'string') return body.message;
	return undefined;
}
