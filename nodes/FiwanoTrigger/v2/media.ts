import type { IBinaryData, IDataObject, IWebhookFunctions } from 'n8n-workflow';

import { fileNameFromDisposition, safeFileName } from '../../shared/fileName';
import { apiBaseUrl, CREDENTIAL_TYPE, fiwanoApiDownload } from '../../shared/transport';
import type { FiwanoEvent } from './payload';

/** Fiwano's own cap on inbound media; the timeout only bounds a stuck download. */
export const MEDIA_LIMITS = { maxBytes: 10 * 1024 * 1024, timeoutMs: 30_000 };

export interface MediaResult {
	binary?: IBinaryData;
	error?: string;
}

function header(headers: Record<string, unknown>, name: string): string | undefined {
	const value = headers[name] ?? headers[name.toLowerCase()];
	const first = Array.isArray(value) ? value[0] : value;
	return typeof first === 'string' && first ? first : undefined;
}

const EXTENSIONS: Record<string, string> = {
	'image/jpeg': 'jpg',
	'image/png': 'png',
	'image/webp': 'webp',
	'audio/ogg': 'ogg',
	'audio/mpeg': 'mp3',
	'audio/mp4': 'm4a',
	'video/mp4': 'mp4',
	'application/pdf': 'pdf',
};

function defaultFileName(media: IDataObject, mimeType: string | undefined): string {
	const extension = EXTENSIONS[(mimeType ?? '').split(';')[0].trim()] ?? 'bin';
	return `${String(media.media_id ?? media.kind ?? 'media')}.${extension}`;
}

/**
 * Where to fetch the file. The API key is only ever sent to the credential's own host:
 * download_url is used when it is there, otherwise the media id on the credential's Base URL.
 */
function downloadTarget(media: IDataObject, baseUrl: string): string | undefined {
	const url = media.download_url;
	if (typeof url === 'string') {
		try {
			if (new URL(url).origin === new URL(baseUrl).origin) return url;
		} catch {
			// Not a URL: use the media id below.
		}
	}
	const id = media.media_id;
	return typeof id === 'string' && id ? `/media/${encodeURIComponent(id)}` : undefined;
}

function isTimeout(error: unknown): boolean {
	const { code, message } = (error ?? {}) as { code?: string; message?: string };
	return code === 'ECONNABORTED' || code === 'ETIMEDOUT' || /timeout/i.test(message ?? '');
}

/**
 * Downloads `data.media` of a received message. Never throws: a failure is returned as a
 * reason so the event is still emitted.
 */
export async function downloadMedia(this: IWebhookFunctions, event: FiwanoEvent): Promise<MediaResult> {
	const media = event.data.media as IDataObject | undefined;
	if (!media || typeof media !== 'object') return {};
	if (typeof media.download_url !== 'string' || !media.download_url) {
		const reason = typeof media.error === 'string' ? `: ${media.error}` : '';
		return { error: `Fiwano has no file to download for this message${reason}` };
	}
	if (typeof media.file_size === 'number' && media.file_size > MEDIA_LIMITS.maxBytes) {
		return { error: `File is ${media.file_size} bytes, over the 10 MB limit` };
	}
	const credentials = await this.getCredentials(CREDENTIAL_TYPE);
	const target = downloadTarget(media, apiBaseUrl(credentials.baseUrl));
	if (!target) {
		return { error: 'download_url is not on the credential\'s Base URL and there is no media_id' };
	}

	let response;
	const startedAt = Date.now();
	try {
		response = await fiwanoApiDownload.call(this, target, { timeout: MEDIA_LIMITS.timeoutMs });
	} catch (error) {
		// A timeout during the body surfaces as an aborted stream, hence the clock check too.
		const timedOut = isTimeout(error) || Date.now() - startedAt >= MEDIA_LIMITS.timeoutMs;
		return {
			error: timedOut
				? `Download timed out after ${MEDIA_LIMITS.timeoutMs / 1000} s`
				: `Download failed: ${(error as Error).message}`,
		};
	}
	if (response.statusCode === 404) return { error: 'Media file not found (404)' };
	if (response.statusCode === 410) {
		return { error: 'Media file expired or unavailable (410): Fiwano keeps files for 60 minutes' };
	}
	if (response.statusCode >= 400) return { error: `Download failed with HTTP ${response.statusCode}` };
	if (response.body.length > MEDIA_LIMITS.maxBytes) {
		return { error: `File is ${response.body.length} bytes, over the 10 MB limit` };
	}

	const mimeType =
		(typeof media.mime_type === 'string' && media.mime_type) ||
		header(response.headers, 'content-type') ||
		'application/octet-stream';
	const fileName =
		safeFileName(media.filename) ||
		fileNameFromDisposition(header(response.headers, 'content-disposition')) ||
		defaultFileName(media, mimeType);
	const binary = await this.helpers.prepareBinaryData(response.body, fileName, mimeType);
	return { binary };
}
