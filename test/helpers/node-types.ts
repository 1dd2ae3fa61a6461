import { DirectoryLoader } from 'n8n-core';
import { NodeConnectionTypes, NodeHelpers } from 'n8n-workflow';
import type {
	IExecuteFunctions,
	INodeType,
	INodeTypes,
	IVersionedNodeType,
	INodeExecutionData,
} from 'n8n-workflow';

import { Fiwano } from '../../nodes/Fiwano/Fiwano.node';

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

function load(nodeType: INodeType): INodeType {
	// n8n's loader adds the declarative "requestOptions" parameters; do the same here.
	DirectoryLoader.applyDeclarativeNodeOptionParameters(nodeType);
	return nodeType;
}

export function createNodeTypes(extra: Record<string, INodeType> = {}): INodeTypes {
	const types: Record<string, INodeType | IVersionedNodeType> = {
		'test.input': new TestInput(),
		[`${PACKAGE}.fiwano`]: load(new Fiwano()),
		...extra,
	};
	return {
		getByName: (name) => types[name],
		getByNameAndVersion: (name, version) =>
			NodeHelpers.getVersionedNodeType(types[name], version),
		getKnownTypes: () => ({}),
	};
}
