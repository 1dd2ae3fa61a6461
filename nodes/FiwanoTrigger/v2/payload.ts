import type { IDataObject } from 'n8n-workflow';

/** A delivery as Fiwano sends it; only the fields the trigger relies on are typed. */
export interface FiwanoEvent extends IDataObject {
	event: string;
	channel_id: string;
	channel_type?: string;
	data: IDataObject;
}

function isObject(value: unknown): value is IDataObject {
	return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/**
 * Parses the exact bytes that were signed (not n8n's re-parsed body), so what the
 * workflow sees is what Fiwano signed. Anything else than a JSON object with a string
 * `event`, a string `channel_id` and an object `data` is rejected.
 */
export function parseEvent(raw: Buffer): FiwanoEvent | undefined {
	let value: unknown;
	try {
		value = JSON.parse(raw.toString('utf8'));
	} catch {
		return undefined;
	}
	if (!isObject(value)) return undefined;
	const { event, channel_id: channelId, data } = value;
	if (typeof event !== 'string' || event === '') return undefined;
	if (typeof channelId !== 'string' || channelId === '') return undefined;
	if (!isObject(data)) return undefined;
	return value as FiwanoEvent;
}
