// Loads the built package the way n8n does (plain require of the paths in package.json)
// and checks what users get: every node version and the credential class, the current action
// node's operations per resource, and that it stays declarative (no execute(): sends are
// customOperations).
const path = require('path');
const { n8n } = require('../package.json');

const root = path.join(__dirname, '..');
const EXPECTED_OPERATIONS = {
	message: ['sendAndWait', 'sendMedia', 'sendTemplate', 'sendText'],
	media: ['download'],
	channel: ['delete', 'exchangeOAuthCode', 'generateOAuthUrl', 'get', 'getAll', 'update'],
	contact: ['getProfile'],
	template: ['create', 'delete', 'get', 'getAll', 'update'],
	redirect: ['add', 'delete', 'getAll'],
	subscription: ['getAll'],
};

function instantiate(relativePath) {
	const exported = require(path.join(root, relativePath));
	const classes = Object.values(exported).filter((value) => typeof value === 'function');
	if (classes.length !== 1) throw new Error(`${relativePath} must export exactly one class`);
	return new classes[0]();
}

const problems = [];
for (const credentialPath of n8n.credentials) {
	const credential = instantiate(credentialPath);
	console.log(`credential ${credential.name}: ${credential.properties.map((p) => p.name).join(', ')}`);
}

let operationCount = 0;
for (const nodePath of n8n.nodes) {
	const entry = instantiate(nodePath);
	// Versioned nodes: every version must load; the checks below are for the current design.
	const versions = entry.nodeVersions ?? { [entry.description.version]: entry };
	for (const [version, node] of Object.entries(versions)) {
		if (!Array.isArray(node.description.properties)) problems.push(`${nodePath} v${version}: no properties`);
	}
	console.log(
		`node ${entry.description.name}: versions ${Object.keys(versions).join(', ')} load, default ${entry.description.defaultVersion ?? entry.description.version}`,
	);
	if (entry.description.name !== 'fiwano') continue;
	const node = versions[3];
	const { description } = node;
	if (typeof node.execute === 'function') problems.push('the Fiwano node v3 must not have execute()');
	if (!description.usableAsTool) problems.push('the Fiwano node must be usableAsTool');
	for (const [resource, expected] of Object.entries(EXPECTED_OPERATIONS)) {
		const property = description.properties.find(
			(p) => p.name === 'operation' && p.displayOptions?.show?.resource?.includes(resource),
		);
		const actual = (property?.options ?? []).map((o) => o.value).sort();
		if (JSON.stringify(actual) !== JSON.stringify(expected)) {
			problems.push(`${resource}: expected ${expected.join(', ')}, got ${actual.join(', ')}`);
		}
		operationCount += actual.length;
	}
	console.log(`node fiwano v${description.version}: ${operationCount} operations (Send and Wait and Media > Download included), usableAsTool, no execute()`);
}

const expectedCount = Object.values(EXPECTED_OPERATIONS).flat().length;
if (operationCount !== expectedCount) problems.push(`expected ${expectedCount} operations, found ${operationCount}`);
if (problems.length) {
	console.error(`dist check failed:\n- ${problems.join('\n- ')}`);
	process.exit(1);
}
console.log('dist check: ok');
