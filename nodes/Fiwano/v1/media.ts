import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { apiError } from '../../shared/errors';
import { fiwanoApiDownload } from '../../shared/transport';

function headerText(value: unknown): string | undefined {
	const first = Array.isArray(value) ? value[0] : value;
	return first === undefined || first === null ? undefined : String(first);
}

function unquote(value: string): string {
	const trimmed = value.trim();
	return trimmed.length >= 2 && trimmed.startsWith('"') && trimmed.endsWith('"')
		? trimmed.slice(1, -1)
		: trimmed;
}

/** File name of a Content-Disposition header: `filename*=UTF-8''…` first, then `filename=`. */
export function dispositionFileName(header: string | undefined): string | undefined {
	if (!header) return undefined;
	let plain: string | undefined;
	for (const part of header.split(';')) {
		const equals = part.indexOf('=');
		if (equals < 0) continue;
		const key = part.slice(0, equals).trim().toLowerCase();
		const value = part.slice(equals + 1);
		if (key === 'filename*') {
			const encoded = value.slice(value.lastIndexOf("'") + 1).trim();
			try {
				if (encoded) return decodeURIComponent(encoded);
			} catch {
				// Badly encoded: the plain filename parameter may still be usable.
			}
		} else if (key === 'filename' && plain === undefined) {
			plain = unquote(value) || undefined;
		}
	}
	return plain;
}

/** Media > Download as published: json holds only media_id, the file goes to binaryProperty. */
export async function downloadMedia(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData> {
	const mediaId = this.getNodeParameter('mediaId', itemIndex) as string;
	const property = this.getNodeParameter('binaryProperty', itemIndex) as string;
	const response = await fiwanoApiDownload.call(this, `/media/${encodeURIComponent(mediaId)}`);
	if (response.statusCode >= 400) {
		throw apiError(this.getNode(), response.statusCode, response.body, response.headers, itemIndex);
	}
	const contentType = headerText(response.headers['content-type']);
	const mimeType = contentType?.split(';')[0].trim() || 'application/octet-stream';
	const fileName = dispositionFileName(headerText(response.headers['content-disposition']));
	const binary = await this.helpers.prepareBinaryData(response.body, fileName, mimeType);
	return {
		json: { media_id: mediaId },
		binary: { [property]: binary },
		pairedItem: { item: itemIndex },
	};
}
