/**
 * File names from the network (Content-Disposition, event payloads), for Media → Download and
 * the trigger's media download. One pass over the header, no backtracking regex: a header of
 * any size or shape costs time in proportion to its length.
 */

/** Longest file name kept, in code points (common file systems allow 255). */
export const MAX_FILE_NAME_LENGTH = 255;

const isBlank = (char: string) => char === ' ' || char === '\t' || char === '\r' || char === '\n';

/** Parameters of a Content-Disposition value, names lower-cased; the first of a name wins. */
function dispositionParameters(header: string): Map<string, string> {
	const parameters = new Map<string, string>();
	let at = 0;
	while (at < header.length) {
		const nameStart = at;
		while (at < header.length && header[at] !== '=' && header[at] !== ';') at++;
		const name = header.slice(nameStart, at).trim().toLowerCase();
		if (header[at] !== '=') {
			at++; // the disposition type, or a stray ';'
			continue;
		}
		at++;
		while (at < header.length && isBlank(header[at])) at++;
		let value = '';
		if (header[at] === '"') {
			// quoted-string: backslash escapes the next character; an unclosed quote runs to the end.
			for (at++; at < header.length && header[at] !== '"'; at++) {
				if (header[at] === '\\' && at + 1 < header.length) at++;
				value += header[at];
			}
			while (at < header.length && header[at] !== ';') at++;
		} else {
			const valueStart = at;
			while (at < header.length && header[at] !== ';') at++;
			value = header.slice(valueStart, at).trim();
		}
		at++;
		if (name && !parameters.has(name)) parameters.set(name, value);
	}
	return parameters;
}

/** RFC 5987 ext-value `charset'language'percent-encoded`; undefined if it cannot be decoded. */
function decodeExtended(value: string): string | undefined {
	const first = value.indexOf("'");
	const second = first < 0 ? -1 : value.indexOf("'", first + 1);
	if (second < 0) return undefined;
	const charset = value.slice(0, first).trim().toLowerCase();
	const encoded = value.slice(second + 1);
	try {
		if (charset === 'utf-8') return decodeURIComponent(encoded);
	} catch {
		return undefined; // badly encoded: the caller falls back to the plain parameter
	}
	if (charset !== 'iso-8859-1') return undefined;
	let decoded = '';
	for (let at = 0; at < encoded.length; at++) {
		const hex = encoded.slice(at + 1, at + 3);
		if (encoded[at] !== '%' || !/^[0-9a-fA-F]{2}$/.test(hex)) decoded += encoded[at];
		else [decoded, at] = [decoded + String.fromCharCode(Number.parseInt(hex, 16)), at + 2];
	}
	return decoded;
}

/**
 * A name safe to hand to n8n's binary data: no directories (only what follows the last / or \),
 * no control characters, at most MAX_FILE_NAME_LENGTH code points; undefined if nothing is left.
 */
export function safeFileName(name: unknown): string | undefined {
	if (typeof name !== 'string') return undefined;
	const base = name.slice(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
	let clean = '';
	let kept = 0;
	for (const char of base) {
		const code = char.codePointAt(0) ?? 0;
		if (code < 0x20 || code === 0x7f) continue;
		clean += char;
		if (++kept === MAX_FILE_NAME_LENGTH) break;
	}
	clean = clean.trim();
	return clean && clean !== '.' && clean !== '..' ? clean : undefined;
}

/**
 * File name of a Content-Disposition header (RFC 6266): `filename*=UTF-8''…` when it decodes,
 * else `filename="…"` or `filename=token`; made safe with safeFileName.
 */
export function fileNameFromDisposition(disposition: unknown): string | undefined {
	if (typeof disposition !== 'string' || !disposition) return undefined;
	const parameters = dispositionParameters(disposition);
	const extended = parameters.get('filename*');
	const decoded = extended === undefined ? undefined : safeFileName(decodeExtended(extended));
	return decoded ?? safeFileName(parameters.get('filename'));
}
