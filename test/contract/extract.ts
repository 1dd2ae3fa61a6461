import { NodeHelpers } from 'n8n-workflow';
import type {
	ICredentialType,
	IDisplayOptions,
	INodeProperties,
	INodePropertyCollection,
	INodePropertyOptions,
	INodeType,
	IVersionedNodeType,
} from 'n8n-workflow';

/**
 * The public contract of the package: what saved workflows and credentials depend on.
 * n8n stores only parameters that differ from their default, so defaults belong to it too.
 */
export type JsonValue =
	| string
	| number
	| boolean
	| null
	| JsonValue[]
	| { [key: string]: JsonValue };

export interface ContractParameter {
	type: string;
	/** Option values (options/multiOptions), fixedCollection groups or resource locator modes. */
	options?: string[];
	/** The default, when every declaration shown for this key agrees on it. */
	default?: JsonValue;
	/** Sorted distinct defaults, when several declarations for this key disagree. */
	defaultAlternatives?: JsonValue[];
	/** Hand-written baselines only: where the entry was read from. */
	_source?: string;
}

export interface ContractNodeVersion {
	displayName: string;
	/** Credential name → whether a node of this version must have it. */
	credentials: Record<string, { required: boolean }>;
	/**
	 * Key: `resource=<r>|operation=<o>|<path>`, one entry per resource/operation the parameter
	 * is shown for (`*` when its displayOptions do not restrict it). Nested parameters of
	 * collections and fixedCollections use `parent>child` (and `parent>group>child`) paths.
	 */
	parameters: Record<string, ContractParameter>;
	_source?: string;
}

export interface ContractCredential {
	displayName: string;
	fields: Record<string, ContractParameter>;
	_source?: string;
}

export interface Contract {
	/** Key: `<node name>@<typeVersion>`, e.g. `fiwano@3`. */
	nodes: Record<string, ContractNodeVersion>;
	credentials: Record<string, ContractCredential>;
}

export const nodeKey = (name: string, version: number) => `${name}@${version}`;

const sorted = (values: Iterable<string>) => Array.from(new Set(values)).sort();

/** JSON text with object keys sorted, so equal values always compare equal. */
export function canonicalJson(value: unknown): string {
	if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
	if (value && typeof value === 'object') {
		const entries = Object.entries(value as Record<string, unknown>)
			.filter(([, child]) => child !== undefined)
			.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
		return `{${entries.map(([k, child]) => `${JSON.stringify(k)}:${canonicalJson(child)}`).join(',')}}`;
	}
	return JSON.stringify(value ?? null);
}

/** n8n's own condition check decides whether a declaration exists in this typeVersion. */
function existsInVersion(displayOptions: IDisplayOptions | undefined, version: number): boolean {
	const show = displayOptions?.show?.['@version'];
	const hide = displayOptions?.hide?.['@version'];
	if (show && !NodeHelpers.checkConditions(show, [version])) return false;
	return !(hide && NodeHelpers.checkConditions(hide, [version]));
}

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
		parameter.options = sorted(
			(property.options ?? []).filter(isOption).map((o) => String(o.value)),
		);
	} else if (property.type === 'fixedCollection') {
		parameter.options = sorted(
			(property.options ?? []).filter(isCollectionGroup).map((g) => g.name),
		);
	} else if (property.type === 'resourceLocator') {
		parameter.options = sorted((property.modes ?? []).map((mode) => mode.name));
	}
	if (property.default !== undefined) {
		parameter.default = JSON.parse(JSON.stringify(property.default)) as JsonValue;
	}
	return parameter;
}

function defaultsOf(parameter: ContractParameter): JsonValue[] {
	if (parameter.defaultAlternatives) return parameter.defaultAlternatives;
	return 'default' in parameter ? [parameter.default as JsonValue] : [];
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
	const byJson = new Map(
		[...defaultsOf(existing), ...defaultsOf(parameter)].map((value) => [
			canonicalJson(value),
			value,
		]),
	);
	const defaults = [...byJson.keys()].sort().map((json) => byJson.get(json) as JsonValue);
	target[key] = {
		type: types.join('|'),
		...(options.length ? { options: sorted(options) } : {}),
		...(defaults.length === 1 ? { default: defaults[0] } : {}),
		...(defaults.length > 1 ? { defaultAlternatives: defaults } : {}),
	};
}

function collectNested(
	target: Record<string, ContractParameter>,
	prefix: string,
	property: INodeProperties,
	version: number,
): void {
	const add = (key: string, child: INodeProperties) => {
		if (!existsInVersion(child.displayOptions, version)) return;
		addParameter(target, key, describeParameter(child));
		collectNested(target, key, child, version);
	};
	if (property.type === 'collection') {
		for (const child of (property.options ?? []) as INodeProperties[]) {
			add(`${prefix}>${child.name}`, child);
		}
	} else if (property.type === 'fixedCollection') {
		for (const group of (property.options ?? []).filter(isCollectionGroup)) {
			for (const child of group.values) add(`${prefix}>${group.name}>${child.name}`, child);
		}
	}
}

export function extractParameters(
	properties: INodeProperties[],
	version: number,
): Record<string, ContractParameter> {
	const parameters: Record<string, ContractParameter> = {};
	for (const property of properties) {
		if (property.type === 'notice' || !existsInVersion(property.displayOptions, version)) continue;
		for (const resource of showValues(property, 'resource')) {
			for (const operation of showValues(property, 'operation')) {
				const key = `resource=${resource}|operation=${operation}|${property.name}`;
				addParameter(parameters, key, describeParameter(property));
				collectNested(parameters, key, property, version);
			}
		}
	}
	return Object.fromEntries(Object.entries(parameters).sort(([a], [b]) => a.localeCompare(b)));
}

export function extractNodeVersion(nodeType: INodeType, version: number): ContractNodeVersion {
	const { description } = nodeType;
	const credentials = (description.credentials ?? [])
		.filter((credential) => existsInVersion(credential.displayOptions, version))
		.sort((a, b) => a.name.localeCompare(b.name));
	return {
		displayName: description.displayName,
		credentials: Object.fromEntries(
			credentials.map((credential) => [
				credential.name,
				{ required: credential.required === true },
			]),
		),
		parameters: extractParameters(description.properties, version),
	};
}

const isVersioned = (node: INodeType | IVersionedNodeType): node is IVersionedNodeType =>
	'nodeVersions' in node;

/** Every typeVersion a node answers to, each with the class that implements it. */
export function nodeVersionsOf(node: INodeType | IVersionedNodeType): Array<[number, INodeType]> {
	if (isVersioned(node)) {
		return Object.entries(node.nodeVersions).map(([version, type]) => [Number(version), type]);
	}
	const { version } = node.description;
	return (Array.isArray(version) ? version : [version]).map((v) => [v, node]);
}

export function extractCredential(credential: ICredentialType): ContractCredential {
	const fields: Record<string, ContractParameter> = {};
	for (const property of credential.properties) {
		if (property.type === 'notice') continue;
		addParameter(fields, property.name, describeParameter(property));
	}
	return { displayName: credential.displayName, fields };
}

export function extractContract(
	nodes: Array<INodeType | IVersionedNodeType>,
	credentials: ICredentialType[],
): Contract {
	const entries: Array<[string, ContractNodeVersion]> = [];
	for (const node of nodes) {
		for (const [version, type] of nodeVersionsOf(node)) {
			entries.push([nodeKey(node.description.name, version), extractNodeVersion(type, version)]);
		}
	}
	return {
		nodes: Object.fromEntries(entries.sort(([a], [b]) => a.localeCompare(b))),
		credentials: Object.fromEntries(
			credentials.map((credential) => [credential.name, extractCredential(credential)]),
		),
	};
}
