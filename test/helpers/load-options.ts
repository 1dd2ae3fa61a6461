import { LoadOptionsContext } from 'n8n-core';
import { Workflow } from 'n8n-workflow';
import type {
	ICredentialDataDecryptedObject,
	INodeListSearchResult,
	INodeParameters,
} from 'n8n-workflow';

import type { FiwanoV3 } from '../../nodes/Fiwano/v3/FiwanoV3';
import { testAdditionalData } from './additional-data';
import { createNodeTypes, CURRENT_FIWANO_VERSION, fiwanoNode, PACKAGE } from './node-types';
import { API_KEY, BASE_URL } from './run-node';

export type ListSearchMethod = keyof FiwanoV3['methods']['listSearch'];

export interface ListSearchOptions {
	/** Parameters of the node being edited, as the editor sends them (currentNodeParameters). */
	parameters?: INodeParameters;
	credentials?: ICredentialDataDecryptedObject;
	/** Parameter path the search is for, e.g. `templateId`. */
	path?: string;
}

/** n8n-core's LoadOptionsContext for a Fiwano node with the given parameters and credential. */
export function createLoadOptionsContext(options: ListSearchOptions = {}): LoadOptionsContext {
	const parameters = options.parameters ?? {};
	const workflow = new Workflow({
		id: 'list-search-workflow',
		name: 'Fiwano list search',
		nodes: [
			{
				id: 'fiwano',
				name: 'Fiwano',
				type: `${PACKAGE}.fiwano`,
				typeVersion: CURRENT_FIWANO_VERSION,
				position: [0, 0],
				parameters,
				credentials: { fiwanoApi: { id: '1', name: 'Fiwano account' } },
			},
		],
		connections: {},
		active: false,
		nodeTypes: createNodeTypes(),
		settings: { executionOrder: 'v1' },
	});
	const additionalData = testAdditionalData(
		options.credentials ?? { apiKey: API_KEY, baseUrl: BASE_URL },
		{
			extra: { currentNodeParameters: parameters },
		},
	);
	const node = workflow.getNode('Fiwano')!;
	return new LoadOptionsContext(workflow, node, additionalData, options.path ?? 'channelId');
}

/**
 * Runs one of the Fiwano node's listSearch methods through n8n-core's LoadOptionsContext,
 * the context the editor's "From List" mode uses: real credential lookup and authentication.
 */
export async function runListSearch(
	method: ListSearchMethod,
	filter?: string,
	options: ListSearchOptions = {},
): Promise<INodeListSearchResult> {
	const context = createLoadOptionsContext(options);
	return await fiwanoNode().methods.listSearch[method].call(context, filter);
}
