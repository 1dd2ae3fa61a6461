import { DirectoryLoader, RoutingNode } from 'n8n-core';
import { NodeConnectionTypes, NodeHelpers } from 'n8n-workflow';
import type {
	IExecuteFunctions,
	INodeType,
	INodeTypes,
	IVersionedNodeType,
	INodeExecutionData,
} from 'n8n-workflow';

import { Fiwano } from '../../nodes/Fiwano/Fiwano.node';
import { FiwanoTrigger } from '../../nodes/FiwanoTrigger/FiwanoTrigger.node';
import type { FiwanoV3 } from '../../nodes/Fiwano/v3/FiwanoV3';
import type { FiwanoTriggerV2 } from '../../nodes/FiwanoTrigger/v2/FiwanoTriggerV2';

/** Passes the items it is started with on to the next node, like a Manual Trigger with data. */
class TestInput implements INodeType {
	description = {
		displayName: 'Test Input',
		name: 'testInput',
		group: ['input'],
		version: 1,
		description: 'Emits the items given to the test run',
		defaults: { name: 'Test Input' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		properties: [],
	} as INodeType['description'];

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return [this.getInputData()];
	}
}

export const PACKAGE = 'n8n-nodes-fiwano';

function load<T extends INodeType | IVersionedNodeType>(nodeType: T): T {
	// n8n's loader adds the declarative "requestOptions" parameters to every version; do the same.
	const versions =
		'nodeVersions' in nodeType
			? Object.values((nodeType as IVersionedNodeType).nodeVersions)
			: [nodeType as INodeType];
	for (const version of versions) {
		DirectoryLoader.applyDeclarativeNodeOptionParameters(version);
		// As n8n's CLI NodeTypes does (shouldAssignExecuteMethod): a declarative node with a
		// webhook (Send and Wait's resume link) runs its routing through an execute method.
		if (version.description.requestDefaults && !version.execute) {
			version.execute = async function () {
				return (await new RoutingNode(this as never, version).runNode()) ?? [];
			};
		}
	}
	return nodeType;
}

/** The current design's versions: fiwano 3, fiwanoTrigger 2. Tests of legacy versions pass theirs. */
export const CURRENT_FIWANO_VERSION = 3;
export const CURRENT_TRIGGER_VERSION = 2;

/** The Fiwano action node at its current version (3). */
export function fiwanoNode(): FiwanoV3 {
	return new Fiwano().getNodeType(CURRENT_FIWANO_VERSION) as FiwanoV3;
}

/** The Fiwano Trigger at its current version (2). */
export function fiwanoTriggerNode(): FiwanoTriggerV2 {
	return new FiwanoTrigger().getNodeType(CURRENT_TRIGGER_VERSION) as FiwanoTriggerV2;
}

export function createNodeTypes(
	extra: Record<string, INodeType | IVersionedNodeType> = {},
): INodeTypes {
	const types: Record<string, INodeType | IVersionedNodeType> = {
		'test.input': new TestInput(),
		[`${PACKAGE}.fiwano`]: load(new Fiwano()),
		...extra,
	};
	return {
		getByName: (name) => types[name],
		getByNameAndVersion: (name, version) => NodeHelpers.getVersionedNodeType(types[name], version),
		getKnownTypes: () => ({}),
	};
}
