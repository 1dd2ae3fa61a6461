'use strict';
// Template helpers: the `variables` summary of TemplateOut, and send-template variable checks.
const { HttpError } = require('./util');

const VAR_RE = /\{\{\s*([A-Za-z0-9_]+)\s*\}\}/g;

function tokens(text) {
	const out = [];
	if (typeof text !== 'string') return out;
	for (const m of text.matchAll(VAR_RE)) if (!out.includes(m[1])) out.push(m[1]);
	return out;
}

function varInfos(text, example, kind, format) {
	const toks = tokens(text);
	const ex = example || {};
	return toks.map((tok, i) => {
		if (format === 'named') {
			const named = ex[`${kind}_text_named_params`] || [];
			const hit = named.find((p) => p && p.param_name === tok);
			return { position: i + 1, name: tok, example: hit ? String(hit.example) : null };
		}
		let positional = ex[`${kind}_text`];
		if (kind === 'body' && Array.isArray(positional) && Array.isArray(positional[0]))
			positional = positional[0];
		const pos = Number(tok);
		const value = Array.isArray(positional) ? positional[pos - 1] : undefined;
		return {
			position: Number.isFinite(pos) ? pos : i + 1,
			name: null,
			example: value === undefined ? null : String(value),
		};
	});
}

/** TemplateVariablesSummary computed from the template's components. */
function variablesSummary(template) {
	const format = template.parameter_format || 'positional';
	const comps = template.components || [];
	const find = (type) => comps.find((c) => c && String(c.type).toUpperCase() === type);
	const header = find('HEADER');
	const body = find('BODY');
	const buttonsComp = find('BUTTONS');
	const headerVars =
		header && (!header.format || String(header.format).toUpperCase() === 'TEXT')
			? varInfos(header.text, header.example, 'header', format)
			: [];
	const bodyVars = body ? varInfos(body.text, body.example, 'body', format) : [];
	const buttonVars = [];
	((buttonsComp && buttonsComp.buttons) || []).forEach((b, index) => {
		const toks = tokens(b && b.url);
		if (toks.length === 0) return;
		const example = Array.isArray(b.example) ? b.example[0] : b.example;
		buttonVars.push({
			index,
			type: b.type || 'URL',
			text: b.text || null,
			position: 1,
			name: null,
			example: example === undefined ? null : String(example),
		});
	});
	return {
		total_count: headerVars.length + bodyVars.length + buttonVars.length,
		parameter_format: format,
		header: headerVars,
		body: bodyVars,
		buttons: buttonVars,
	};
}

function templateOut(t) {
	return {
		id: t.id,
		meta_template_id: t.meta_template_id,
		name: t.name,
		language: t.language,
		category: t.category,
		status: t.status,
		components: t.components,
		parameter_format: t.parameter_format,
		variables: variablesSummary(t),
		synced_at: t.synced_at,
		created_at: t.created_at,
	};
}

const bad = (msg) => new HttpError(400, msg);

function checkPart(partName, expected, given, format) {
	if (expected.length === 0) {
		if (
			given !== undefined &&
			given !== null &&
			!(Array.isArray(given) && given.length === 0) &&
			!(typeof given === 'object' && Object.keys(given).length === 0)
		) {
			throw bad(`Template has no ${partName} variables, but variables.${partName} was provided`);
		}
		return;
	}
	if (format === 'named') {
		if (!given || typeof given !== 'object' || Array.isArray(given)) {
			throw bad(
				`variables.${partName} must be an object with keys: ${expected.map((v) => v.name).join(', ')} (named template)`,
			);
		}
		const missing = expected
			.filter((v) => given[v.name] === undefined || given[v.name] === null || given[v.name] === '')
			.map((v) => v.name);
		if (missing.length) throw bad(`Missing ${partName} variables: ${missing.join(', ')}`);
		const unknown = Object.keys(given).filter((k) => !expected.some((v) => v.name === k));
		if (unknown.length) throw bad(`Unknown ${partName} variables: ${unknown.join(', ')}`);
		return;
	}
	if (!Array.isArray(given))
		throw bad(
			`variables.${partName} must be an array of ${expected.length} values (positional template)`,
		);
	if (given.length !== expected.length) {
		throw bad(`Template expects ${expected.length} ${partName} variable(s), got ${given.length}`);
	}
	given.forEach((v, i) => {
		if (v === null || v === undefined || v === '' || typeof v === 'object')
			throw bad(`variables.${partName}[${i}] must be a non-empty string`);
	});
}

/** Throws 400 when `variables` does not match the template's parameters (all are required). */
function checkTemplateVariables(template, variables) {
	const summary = variablesSummary(template);
	const vars = variables === null || variables === undefined ? {} : variables;
	if (typeof vars !== 'object' || Array.isArray(vars))
		throw bad('variables must be an object keyed by component type (header, body, buttons)');
	const unknownParts = Object.keys(vars).filter((k) => !['header', 'body', 'buttons'].includes(k));
	if (unknownParts.length)
		throw bad(`Unknown variables keys: ${unknownParts.join(', ')} (use header, body, buttons)`);
	checkPart('header', summary.header, vars.header, summary.parameter_format);
	checkPart('body', summary.body, vars.body, summary.parameter_format);
	const buttons = vars.buttons;
	if (summary.buttons.length === 0) {
		if (Array.isArray(buttons) && buttons.length)
			throw bad('Template has no button variables, but variables.buttons was provided');
		return summary;
	}
	if (!Array.isArray(buttons)) throw bad('variables.buttons must be an array of {index, value}');
	for (const b of buttons) {
		if (
			!b ||
			typeof b !== 'object' ||
			!Number.isInteger(b.index) ||
			typeof b.value !== 'string' ||
			b.value === ''
		) {
			throw bad(
				'Each variables.buttons entry must be {"index": <int>, "value": "<non-empty string>"}',
			);
		}
		if (!summary.buttons.some((sb) => sb.index === b.index))
			throw bad(`Button ${b.index} has no variable`);
	}
	const missing = summary.buttons
		.filter((sb) => !buttons.some((b) => b.index === sb.index))
		.map((sb) => sb.index);
	if (missing.length) throw bad(`Missing button variables for index: ${missing.join(', ')}`);
	return summary;
}

module.exports = { variablesSummary, templateOut, checkTemplateVariables, tokens };
