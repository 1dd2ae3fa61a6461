import type {
	ICredentialType,
	INodeProperties,
	INodePropertyCollection,
	INodePropertyOptions,
	INodeType,
} from 'n8n-workflow';

/**
 * The public contract of the package: what saved workflows and credentials depend on.
 * Renaming or removing any of it breaks workflows users have already built.
 */
export interface ContractParameter {
	type: string;
	/** Option values (options/multiOptions), fixedCollection groups or resource locator modes. */
	options?: string[];
}

export interface ContractNode {
	displayName: string;
	versions: number[];
	credentials: string[];
	/**
	 * Key: `resource=<r>|operation=<o>|<path>`, one entry per resource/operation the parameter
	 * is shown for (`*` when its displayOptions do not restrict it). Nested parameters of
	 * collections and fixedCollections use `parent>child` (and `parent>group>child`) paths.
	 */
	parameters: Record<string, ContractParameter>;
}

export interface ContractCredential {
	displayName: string;
	fields: Record<string, ContractParameter>;
}

export interface Contract {
	nodes: Record<string, ContractNode>;
	credentials: Record<string, ContractCredential>;
}

const sorted = (values: Iterable<string>) => Array.from(new Set(values)).sort();

function showValues(property: INodeProperties, name: string): string[] {
	const values = property.displayOptions?.show?.[name];
	return Array.isArray(values) && values.length ? values.map(String) : ['*'];
}

function isOption(entry: unknown): entry is INodePropertyOptions {
	return typeof entry === 'object' && entry !== null && 'value' in entry;
}

function isCollectionGroup(entry: unknown): entry is INodePropertyCollection {
	return typeof entry === 'object' && entry !== null && 'values' in entry;
}

function describeParameter(property: INodeProperties): ContractParameter {
	const parameter: ContractParameter = { type: property.type };
	if (property.type === 'options' || property.type === 'multiOptions') {
		parameter.options = sorted((property.options ?? []).filter(isOption).map((o) => String(o.value)));
	} else if (property.type === 'fixedCollection') {
		parameter.options = sorted((property.options ?? []).filter(isCollectionGroup).map((g) => g.name));
	} else if (property.type === 'resourceLocator') {
		parameter.options = sorted((property.modes ?? []).map((mode) => mode.name));
	}
	return parameter;
}

function addParameter(
	target: Record<string, ContractParameter>,
	key: string,
	parameter: ContractParameter,
): void {
	const existing = target[key];
	if (!existing) {
		target[key] = parameter;
		return;
	}
	// Same name shown twice for one operation (alternative definitions): keep the union.
	const types = sorted([...existing.type.split('|'), parameter.type]);
	const options = [...(existing.options ?? []), ...(parameter.options ?? [])];
	target[key] = { type: types.join('|'), ...(options.length ? { options: sorted(options) } : {}) };
}

function collectNested(
	target: Record<string, ContractParameter>,
	prefix: string,
	property: INodeProperties,
): void {
	if (property.type === 'collection') {
		for (const child of (property.options ?? []) as INodeProperties[]) {
			const key = `${prefix}>${child.name}`;
			addParameter(target, key, describeParameter(child));
			collectNested(target, key, child);
		}
	} else if (property.type === 'fixedCollection') {
		for (const group of (property.options ?? []).filter(isCollectionGroup)) {
			for (const child of group.values) {
				const key = `${prefix}>${group.name}>${child.name}`;
				addParameter(target, key, describeParameter(child));
				collectNested(target, key, child);
			}
		}
	}
}

export function extractParameters(properties: INodeProperties[]): Record<string, ContractParameter> {
	const parameters: Record<string, ContractParameter> = {};
	for (const property of properties) {
		if (property.type === 'notice') continue;
		for (const resource of showValues(property, 'resource')) {
			for (const operation of showValues(property, 'operation')) {
				const key = `resource=${resource}|operation=${operation}|${property.name}`;
				addParameter(parameters, key, describeParameter(property));
				collectNested(parameters, key, property);
			}
		}
	}
	return Object.fromEntries(Object.entries(parameters).sort(([a], [b]) => a.localeCompare(b)));
}

export function extractNode(nodeType: INodeType): ContractNode {
	const { description } = nodeType;
	const versions = Array.isArray(description.version) ? description.version : [description.version];
	return {
		displayName: description.displayName,
		versions: [...versions].sort((a, b) => a - b),
		credentials: sorted((description.credentials ?? []).map((credential) => credential.name)),
		parameters: extractParameters(description.properties),
	};
}

export function extractCredential(credential: ICredentialType): ContractCredential {
	const fields: Record<string, ContractParameter> = {};
	for (const property of credential.properties) {
		if (property.type === 'notice') continue;
		addParameter(fields, property.name, describeParameter(property));
	}
	return { displayName: credential.displayName, fields };
}

export function extractContract(nodes: INodeType[], credentials: ICredentialType[]): Contract {
	return {
		nodes: Object.fromEntries(nodes.map((node) => [node.description.name, extractNode(node)])),
		credentials: Object.fromEntries(credentials.map((credential) => [credential.name, extractCredential(credential)])),
	};
}

function compareParameters(
	where: string,
	kind: string,
	before: Record<string, ContractParameter>,
	after: Record<string, ContractParameter>,
	problems: string[],
): void {
	for (const [key, old] of Object.entries(before)) {
		const now = after[key];
		if (!now) {
			problems.push(`${where}: ${kind} ${key} was removed or renamed`);
			continue;
		}
		if (now.type !== old.type) {
			problems.push(`${where}: ${kind} ${key} changed type from ${old.type} to ${now.type}`);
		}
		const removed = (old.options ?? []).filter((value) => !(now.options ?? []).includes(value));
		if (removed.length) {
			problems.push(`${where}: ${kind} ${key} lost option value(s) ${removed.join(', ')}`);
		}
	}
}

/**
 * Everything in `baseline` that `current` no longer offers. Additions (new nodes, versions,
 * parameters, option values, credential fields) are not breaking and are not reported.
 */
export function findBreakingChanges(baseline: Contract, current: Contract): string[] {
	const problems: string[] = [];
	for (const [name, old] of Object.entries(baseline.nodes)) {
		const now = current.nodes[name];
		if (!now) {
			problems.push(`node ${name} was removed or renamed`);
			continue;
		}
		const lostVersions = old.versions.filter((version) => !now.versions.includes(version));
		if (lostVersions.length) problems.push(`node ${name}: version(s) ${lostVersions.join(', ')} removed`);
		const lostCredentials = old.credentials.filter((credential) => !now.credentials.includes(credential));
		if (lostCredentials.length) {
			problems.push(`node ${name}: credential(s) ${lostCredentials.join(', ')} removed`);
		}
		compareParameters(`node ${name}`, 'parameter', old.parameters, now.parameters, problems);
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
