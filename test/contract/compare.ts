import { canonicalJson } from './extract';
import type { Contract, ContractNodeVersion, ContractParameter } from './extract';

type Parameters = Record<string, ContractParameter>;

const parameterKey = (resource: string, operation: string, path: string) =>
	`resource=${resource}|operation=${operation}|${path}`;

function parseKey(key: string): [string, string, string] | undefined {
	const match = /^resource=([^|]*)\|operation=([^|]*)\|(.*)$/.exec(key);
	return match ? [match[1], match[2], match[3]] : undefined;
}

/** Option values of `name` (resource or operation) as offered for `resource`. */
function valuesOf(parameters: Parameters, resource: string, name: string): string[] {
	const own =
		parameters[parameterKey(resource, '*', name)] ?? parameters[parameterKey('*', '*', name)];
	return own?.options ?? [];
}

/**
 * The declarations that serve a baseline key in `parameters`. A parameter shown for every
 * operation (`*`) serves each single operation; one shown one by one for each operation the
 * baseline (`scope`) offers serves the `*` key. Undefined when the parameter is not shown there.
 */
function lookUp(
	parameters: Parameters,
	scope: Parameters,
	resource: string,
	operation: string,
	path: string,
): ContractParameter[] | undefined {
	for (const [r, o] of [
		[resource, operation],
		[resource, '*'],
		['*', operation],
		['*', '*'],
	]) {
		const hit = parameters[parameterKey(r, o, path)];
		if (hit) return [hit];
	}
	const expand = (values: string[], one: (value: string) => ContractParameter[] | undefined) => {
		const found = values.map(one);
		return values.length && found.every(Boolean)
			? (found.flat() as ContractParameter[])
			: undefined;
	};
	if (resource === '*') {
		return expand(valuesOf(scope, '*', 'resource'), (r) =>
			lookUp(parameters, scope, r, operation, path),
		);
	}
	if (operation === '*' && path !== 'operation') {
		return expand(valuesOf(scope, resource, 'operation'), (o) =>
			lookUp(parameters, scope, resource, o, path),
		);
	}
	return undefined;
}

const defaultText = (parameter: ContractParameter): string | undefined => {
	if (parameter.defaultAlternatives) return canonicalJson(parameter.defaultAlternatives);
	return 'default' in parameter ? canonicalJson(parameter.default) : undefined;
};

function compareOne(
	where: string,
	old: ContractParameter,
	now: ContractParameter,
	problems: string[],
): void {
	if (now.type !== old.type) {
		problems.push(`${where} changed type from ${old.type} to ${now.type}`);
	}
	const removed = (old.options ?? []).filter((value) => !(now.options ?? []).includes(value));
	if (removed.length) {
		problems.push(
			`${where} lost option value(s) ${removed.map((v) => JSON.stringify(v)).join(', ')}`,
		);
	}
	const before = defaultText(old);
	const after = defaultText(now);
	// A baseline entry without a recorded default does not constrain it.
	if (before !== undefined && before !== after) {
		problems.push(`${where} changed default from ${before} to ${after ?? 'nothing'}`);
	}
}

function compareParameters(
	where: string,
	kind: string,
	before: Parameters,
	after: Parameters,
	problems: string[],
): void {
	for (const [key, old] of Object.entries(before)) {
		const parsed = parseKey(key);
		const matches = parsed
			? lookUp(after, before, ...parsed)
			: after[key]
				? [after[key]]
				: undefined;
		if (!matches) {
			problems.push(`${where}: ${kind} ${key} was removed or renamed`);
			continue;
		}
		const found: string[] = [];
		for (const now of matches) compareOne(`${where}: ${kind} ${key}`, old, now, found);
		problems.push(...new Set(found));
	}
}

function compareCredentials(
	where: string,
	old: ContractNodeVersion['credentials'],
	now: ContractNodeVersion['credentials'],
	problems: string[],
): void {
	for (const [name, { required }] of Object.entries(old)) {
		if (!now[name]) problems.push(`${where}: credential ${name} removed`);
		else if (!required && now[name].required) {
			problems.push(`${where}: credential ${name} became required (was optional)`);
		}
	}
	for (const [name, { required }] of Object.entries(now)) {
		if (!old[name] && required) {
			problems.push(
				`${where}: credential ${name} is now required (the node had no such credential)`,
			);
		}
	}
}

/**
 * Everything in `baseline` that `current` no longer offers the same way. Additions (new
 * nodes, versions, parameters, option values, credential fields) are not reported.
 */
export function findBreakingChanges(baseline: Contract, current: Contract): string[] {
	const problems: string[] = [];
	for (const [key, old] of Object.entries(baseline.nodes)) {
		const now = current.nodes[key];
		if (!now) {
			const [name, version] = key.split('@');
			const declared = Object.keys(current.nodes)
				.filter((other) => other.startsWith(`${name}@`))
				.map((other) => other.split('@')[1]);
			problems.push(
				declared.length
					? `node ${name}: version ${version} is not declared (declared: ${declared.join(', ')})`
					: `node ${name} was removed or renamed (version ${version} missing)`,
			);
			continue;
		}
		compareCredentials(`node ${key}`, old.credentials, now.credentials, problems);
		compareParameters(`node ${key}`, 'parameter', old.parameters, now.parameters, problems);
	}
	for (const [name, old] of Object.entries(baseline.credentials)) {
		const now = current.credentials[name];
		if (!now) {
			problems.push(`credential ${name} was removed or renamed`);
			continue;
		}
		compareParameters(`credential ${name}`, 'field', old.fields, now.fields, problems);
	}
	return problems;
}
