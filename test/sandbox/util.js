'use strict';
// Small helpers shared by the sandbox modules: ids, timestamps, HTTP errors, validation errors.
const crypto = require('crypto');

/** An error that the router turns into an HTTP response `{ detail }` (plus optional headers). */
class HttpError extends Error {
	constructor(status, detail, headers) {
		super(typeof detail === 'string' ? detail : JSON.stringify(detail));
		this.status = status;
		this.detail = detail;
		this.headers = headers || {};
	}
}

/** FastAPI/pydantic v2 style 422 error list. */
function validationError(errors) {
	return new HttpError(422, errors);
}

function verr(field, msg, type, input) {
	const loc = Array.isArray(field) ? ['body', ...field] : ['body', field];
	const e = { type, loc, msg };
	if (input !== undefined) e.input = input;
	return e;
}

const hex = (bytes) => crypto.randomBytes(bytes).toString('hex');
const uuid = () => crypto.randomUUID();

/** ISO-8601 UTC without milliseconds, e.g. 2025-01-15T10:30:00Z (webhook style). */
function isoZ(ms) {
	return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}
/** ISO-8601 UTC without zone suffix, e.g. 2025-01-15T10:30:00 (API object style). */
function isoNaive(ms) {
	return new Date(ms).toISOString().replace(/\.\d{3}Z$/, '');
}

/** Unicode code point count (what the API counts for text limits). */
function codePointLength(s) {
	return Array.from(s).length;
}

function isLoopbackHost(hostname) {
	const h = String(hostname || '')
		.replace(/^\[|\]$/g, '')
		.toLowerCase();
	return (
		h === 'localhost' || h === '::1' || /^127\.\d+\.\d+\.\d+$/.test(h) || h === '::ffff:127.0.0.1'
	);
}

function isPrivateHost(hostname) {
	const h = String(hostname || '')
		.replace(/^\[|\]$/g, '')
		.toLowerCase();
	if (isLoopbackHost(h) || h === '0.0.0.0' || h.endsWith('.localhost') || h.endsWith('.internal'))
		return true;
	const m = /^(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(h);
	if (m) {
		const [a, b] = [Number(m[1]), Number(m[2])];
		return (
			a === 10 ||
			a === 0 ||
			(a === 172 && b >= 16 && b <= 31) ||
			(a === 192 && b === 168) ||
			(a === 169 && b === 254) ||
			(a === 100 && b >= 64 && b <= 127)
		);
	}
	return h.startsWith('fc') || h.startsWith('fd') || h.startsWith('fe80:');
}

/** Webhook URLs: HTTPS, or http://localhost / 127.0.0.1 for development. */
function isAllowedWebhookUrl(value) {
	let u;
	try {
		u = new URL(value);
	} catch {
		return false;
	}
	if (u.protocol === 'https:') return true;
	return u.protocol === 'http:' && isLoopbackHost(u.hostname);
}

function wildcardMatch(pattern, value) {
	const re = new RegExp(
		'^' +
			pattern
				.split('*')
				.map((p) => p.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
				.join('.*') +
			'$',
	);
	return re.test(value);
}

function parseBool(raw, name, dflt) {
	if (raw === null || raw === undefined) return dflt;
	const v = String(raw).toLowerCase();
	if (['true', '1', 'yes', 'on', 't', 'y'].includes(v)) return true;
	if (['false', '0', 'no', 'off', 'f', 'n'].includes(v)) return false;
	throw validationError([
		{
			type: 'bool_parsing',
			loc: ['query', name],
			msg: 'Input should be a valid boolean, unable to interpret input',
			input: raw,
		},
	]);
}

module.exports = {
	HttpError,
	validationError,
	verr,
	hex,
	uuid,
	isoZ,
	isoNaive,
	codePointLength,
	isLoopbackHost,
	isPrivateHost,
	isAllowedWebhookUrl,
	wildcardMatch,
	parseBool,
};
