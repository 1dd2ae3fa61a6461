'use strict';
// Pydantic-v2-like request body validation producing FastAPI's 422 `{detail: [{loc, msg, type}]}`.
const { validationError, verr, isPrivateHost } = require('./util');

/** Parse a raw JSON body; 422 like FastAPI for missing / malformed / non-object bodies. */
function parseJsonBody(raw) {
	const text = raw && raw.length ? raw.toString('utf8') : '';
	if (!text.trim())
		throw validationError([{ type: 'missing', loc: ['body'], msg: 'Field required', input: null }]);
	let body;
	try {
		body = JSON.parse(text);
	} catch (e) {
		throw validationError([
			{
				type: 'json_invalid',
				loc: ['body', 0],
				msg: 'JSON decode error',
				input: {},
				ctx: { error: e.message },
			},
		]);
	}
	if (body === null || typeof body !== 'object' || Array.isArray(body)) {
		throw validationError([
			{
				type: 'model_attributes_type',
				loc: ['body'],
				msg: 'Input should be a valid dictionary or object to extract fields from',
				input: body,
			},
		]);
	}
	return body;
}

/**
 * spec: { field: { type: 'string'|'array'|'object'|'boolean', required, nullable, maxLength, pattern, items: 'string'|'object' } }
 * Throws 422 listing every failing field. Returns the body.
 */
function validateBody(body, spec, extra) {
	const errors = [];
	for (const [field, rule] of Object.entries(spec)) {
		const v = body[field];
		if (v === undefined) {
			if (rule.required) errors.push(verr(field, 'Field required', 'missing', body));
			continue;
		}
		if (v === null) {
			if (!rule.nullable) errors.push(verr(field, typeMsg(rule.type), typeName(rule.type), v));
			continue;
		}
		if (!typeOk(rule.type, v)) {
			errors.push(verr(field, typeMsg(rule.type), typeName(rule.type), v));
			continue;
		}
		if (rule.type === 'string') {
			if (rule.maxLength !== undefined && Array.from(v).length > rule.maxLength) {
				errors.push({
					...verr(
						field,
						`String should have at most ${rule.maxLength} characters`,
						'string_too_long',
						v,
					),
					ctx: { max_length: rule.maxLength },
				});
			} else if (rule.pattern && !new RegExp(rule.pattern).test(v)) {
				errors.push({
					...verr(
						field,
						`String should match pattern '${rule.pattern}'`,
						'string_pattern_mismatch',
						v,
					),
					ctx: { pattern: rule.pattern },
				});
			}
		}
		if (rule.type === 'array' && rule.items) {
			v.forEach((item, i) => {
				if (!typeOk(rule.items, item))
					errors.push(verr([field, i], typeMsg(rule.items), typeName(rule.items), item));
				else if (rule.itemSpec) {
					for (const [k, r] of Object.entries(rule.itemSpec)) {
						if (item[k] === undefined && r.required)
							errors.push(verr([field, i, k], 'Field required', 'missing', item));
						else if (item[k] !== undefined && item[k] !== null && !typeOk(r.type, item[k]))
							errors.push(verr([field, i, k], typeMsg(r.type), typeName(r.type), item[k]));
					}
				}
			});
		}
	}
	if (extra) extra(errors);
	if (errors.length) throw validationError(errors);
	return body;
}

function typeOk(type, v) {
	switch (type) {
		case 'string':
			return typeof v === 'string';
		case 'array':
			return Array.isArray(v);
		case 'object':
			return typeof v === 'object' && v !== null && !Array.isArray(v);
		case 'boolean':
			return typeof v === 'boolean';
		case 'integer':
			return Number.isInteger(v);
		default:
			return true;
	}
}
function typeName(type) {
	return (
		{
			string: 'string_type',
			array: 'list_type',
			object: 'dict_type',
			boolean: 'bool_type',
			integer: 'int_type',
		}[type] || 'type_error'
	);
}
function typeMsg(type) {
	return {
		string: 'Input should be a valid string',
		array: 'Input should be a valid list',
		object: 'Input should be a valid dictionary',
		boolean: 'Input should be a valid boolean',
		integer: 'Input should be a valid integer',
	}[type];
}

/** media_url rules: https, <= 2048 chars, no credentials, no private/loopback hosts. */
function mediaUrlErrors(value) {
	const fail = (msg) => [verr('media_url', `Value error, ${msg}`, 'value_error', value)];
	if (typeof value !== 'string') return [];
	if (value.length > 2048)
		return [
			{
				...verr(
					'media_url',
					'String should have at most 2048 characters',
					'string_too_long',
					value,
				),
				ctx: { max_length: 2048 },
			},
		];
	let u;
	try {
		u = new URL(value);
	} catch {
		return fail('media_url must be a valid URL');
	}
	if (u.protocol !== 'https:') return fail('media_url must use HTTPS');
	if (u.username || u.password) return fail('media_url must not contain credentials');
	if (isPrivateHost(u.hostname))
		return fail('media_url must not point to a private or loopback address');
	return [];
}

module.exports = { parseJsonBody, validateBody, mediaUrlErrors };
