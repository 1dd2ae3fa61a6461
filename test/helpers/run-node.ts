import { ExecutionLifecycleHooks, WorkflowExecute } from 'n8n-core';
import { NodeHelpers, Workflow } from 'n8n-workflow';
import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	INodeExecutionData,
	INodeParameters,
	IRun,
	IRunExecutionData,
	ITaskData,
} from 'n8n-workflow';

import { testAdditionalData } from './additional-data';
import { createNodeTypes, CURRENT_FIWANO_VERSION, PACKAGE } from './node-types';

export const API_KEY = ['mip', 'live', 'test', 'key', '0123456789'].join('_');
export const BASE_URL = 'https://api.fiwano.test';

export interface RunOptions {
	/** Items fed into the node (default: one empty item). */
	input?: IDataObject[];
	credentials?: ICredentialDataDecryptedObject;
	continueOnFail?: boolean;
	/** typeVersion of the saved node (default: the current version, 3). */
	typeVersion?: number;
	/**
	 * Parameters as saved (only non-defaults, as the editor stores them) instead of filled in.
	 * The engine resolves defaults itself, as it does for a workflow loaded from the database.
	 */
	asSaved?: boolean;
}

export interface RunResult {
	/** Output items of the Fiwano node (main output 0), pairedItem kept. */
	items: INodeExecutionData[];
	/** Error the Fiwano node ended with, if any. */
	error?: ITaskData['error'];
	run: IRun;
}

/** Runs `Test Input -> Fiwano` through n8n-core's WorkflowExecute, the production path. */
export async function runFiwano(
	parameters: INodeParameters,
	options: RunOptions = {},
): Promise<RunResult> {
	const nodeTypes = createNodeTypes();
	const typeVersion = options.typeVersion ?? CURRENT_FIWANO_VERSION;
	const { description } = nodeTypes.getByNameAndVersion(`${PACKAGE}.fiwano`, typeVersion);
	// Saved workflows hold every parameter with its default filled in, as the editor writes them.
	const fullParameters = options.asSaved
		? parameters
		: (NodeHelpers.getNodeParameters(
				description.properties,
				parameters,
				true,
				false,
				null,
				description,
			) ?? parameters);
	const credentials = options.credentials ?? {
		apiKey: API_KEY,
		baseUrl: BASE_URL,
	};
	const workflow = new Workflow({
		id: 'test-workflow',
		name: 'Fiwano test',
		nodes: [
			{
				id: 'input',
				name: 'Input',
				type: 'test.input',
				typeVersion: 1,
				position: [0, 0],
				parameters: {},
			},
			{
				id: 'fiwano',
				name: 'Fiwano',
				type: `${PACKAGE}.fiwano`,
				typeVersion,
				position: [200, 0],
				parameters: fullParameters,
				credentials: { fiwanoApi: { id: '1', name: 'Fiwano account' } },
				...(options.continueOnFail ? { onError: 'continueRegularOutput' as const } : {}),
			},
		],
		connections: {
			Input: { main: [[{ node: 'Fiwano', type: 'main', index: 0 }]] },
		},
		active: false,
		nodeTypes,
		settings: { executionOrder: 'v1' },
	});

	const hooks = new ExecutionLifecycleHooks('manual', '1', {
		id: 'test-workflow',
		name: 'Fiwano test',
		active: false,
		isArchived: false,
		createdAt: new Date(),
		updatedAt: new Date(),
		nodes: [],
		connections: {},
		activeVersionId: null,
	} as never);
	let finished: (run: IRun) => void = () => {};
	const done = new Promise<IRun>((resolve) => (finished = resolve));
	hooks.addHandler('workflowExecuteAfter', (run) => finished(run));

	const additionalData = testAdditionalData(credentials, {
		extra: { hooks, currentNodeParameters: undefined },
	});

	const input = (options.input ?? [{}]).map((json) => ({ json }));
	const runExecutionData: IRunExecutionData = {
		resultData: { runData: {} },
		executionData: {
			contextData: {},
			metadata: {},
			nodeExecutionStack: [
				{
					node: workflow.getNode('Input')!,
					data: { main: [input] },
					source: null,
				},
			],
			waitingExecution: {},
			waitingExecutionSource: {},
		},
	} as unknown as IRunExecutionData;

	const workflowExecute = new WorkflowExecute(additionalData, 'manual', runExecutionData);
	await workflowExecute.processRunExecutionData(workflow);
	const run = await done;
	const task = run.data.resultData.runData.Fiwano?.[0];
	return {
		items: task?.data?.main?.[0] ?? [],
		error: task?.error ?? undefined,
		run,
	};
}
