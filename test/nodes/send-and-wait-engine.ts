// n8n-core's own copy of the DI container (the top-level @n8n/di is another version).
import { Container } from 'n8n-core/node_modules/@n8n/di';
import {
	ExecutionLifecycleHooks,
	InstanceSettings,
	validateUrlSignature,
	WAITING_TOKEN_QUERY_PARAM,
	WebhookContext,
	WorkflowExecute,
} from 'n8n-core';
import { NodeHelpers, Workflow } from 'n8n-workflow';
import type {
	IDataObject,
	INodeExecutionData,
	INodeParameters,
	IRun,
	IRunExecutionData,
	IWebhookData,
	IWorkflowExecuteAdditionalData,
} from 'n8n-workflow';

import { testAdditionalData } from '../helpers/additional-data';
import { createNodeTypes, CURRENT_FIWANO_VERSION, PACKAGE } from '../helpers/node-types';
import { API_KEY, BASE_URL } from '../helpers/run-node';

/** An Express-like response, enough for the node's webhook. */
export class PageResponse {
	statusCode = 200;
	headers: Record<string, string> = {};
	body = '';
	status(code: number) {
		this.statusCode = code;
		return this;
	}
	setHeader(name: string, value: string) {
		this.headers[name.toLowerCase()] = value;
		return this;
	}
	send(body: string) {
		this.body = body;
		return this;
	}
}

export interface Opened {
	status: number;
	body: string;
	headers: Record<string, string>;
	/** Set when the answer resumed the execution: the finished run. */
	resumed?: IRun;
}

const NODE_ID = 'fiwano-node-id';

/**
 * `Input -> Fiwano (Send and Wait)` through n8n-core's WorkflowExecute until it waits, then
 * resume links opened the way n8n's WaitingWebhooks (cli) opens them for a Send and Wait node:
 * the signature checked with n8n-core's validateUrlSignature (401 otherwise), a link for an
 * execution that no longer waits answers n8n's "no action required" page, and an answer with
 * workflowData resumes the execution with the node's output replaced by that data.
 */
export class WaitingExecution {
	private finishedRun?: IRun;

	private constructor(
		private readonly workflow: Workflow,
		private readonly additionalData: IWorkflowExecuteAdditionalData,
		readonly runExecutionData: IRunExecutionData,
		readonly firstRun: IRun,
		private readonly runs: { next: Promise<IRun> },
	) {}

	static async start(
		parameters: INodeParameters,
		input: IDataObject[] = [{}],
		continueOnFail = false,
	) {
		const nodeTypes = createNodeTypes();
		const { description } = nodeTypes.getByNameAndVersion(
			`${PACKAGE}.fiwano`,
			CURRENT_FIWANO_VERSION,
		);
		const workflow = new Workflow({
			id: 'wf',
			name: 'Send and Wait test',
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
					id: NODE_ID,
					name: 'Fiwano',
					type: `${PACKAGE}.fiwano`,
					typeVersion: CURRENT_FIWANO_VERSION,
					position: [200, 0],
					parameters:
						NodeHelpers.getNodeParameters(
							description.properties,
							parameters,
							true,
							false,
							null,
							description,
						) ?? parameters,
					credentials: { fiwanoApi: { id: '1', name: 'Fiwano account' } },
					...(continueOnFail ? { onError: 'continueRegularOutput' as const } : {}),
				},
			],
			connections: { Input: { main: [[{ node: 'Fiwano', type: 'main', index: 0 }]] } },
			active: false,
			nodeTypes,
			settings: { executionOrder: 'v1' },
		});
		const hooks = new ExecutionLifecycleHooks('manual', '1', {
			id: 'wf',
			nodes: [],
			connections: {},
		} as never);
		const runs = { next: Promise.resolve({} as IRun) };
		let finished: (run: IRun) => void = () => {};
		const nextRun = () => (runs.next = new Promise<IRun>((resolve) => (finished = resolve)));
		nextRun();
		hooks.addHandler('workflowExecuteAfter', (run) => {
			const done = finished;
			nextRun();
			done(run);
		});
		const additionalData = testAdditionalData(
			{ apiKey: API_KEY, baseUrl: BASE_URL },
			{ extra: { hooks } },
		);
		const runExecutionData = {
			resultData: { runData: {} },
			executionData: {
				contextData: {},
				metadata: {},
				nodeExecutionStack: [
					{
						node: workflow.getNode('Input')!,
						data: { main: [input.map((json) => ({ json }))] },
						source: null,
					},
				],
				waitingExecution: {},
				waitingExecutionSource: {},
			},
		} as unknown as IRunExecutionData;
		const first = runs.next;
		await new WorkflowExecute(additionalData, 'manual', runExecutionData).processRunExecutionData(
			workflow,
		);
		return new WaitingExecution(workflow, additionalData, runExecutionData, await first, runs);
	}

	get waiting(): boolean {
		return this.finishedRun === undefined && this.runExecutionData.waitTill !== undefined;
	}

	/** Output items of the Fiwano node in its last run. */
	output(run: IRun = this.finishedRun ?? this.firstRun): INodeExecutionData[] {
		const tasks = run.data.resultData.runData.Fiwano ?? [];
		return tasks[tasks.length - 1]?.data?.main?.[0] ?? [];
	}

	async open(
		link: string,
		method: 'GET' | 'POST' = 'GET',
		body: IDataObject = {},
	): Promise<Opened> {
		const url = new URL(link);
		const [, base, executionId, nodeId] = url.pathname.split('/');
		const signature = url.searchParams.get(WAITING_TOKEN_QUERY_PARAM) ?? '';
		const secret = Container.get(InstanceSettings).hmacSignatureSecret;
		if (
			base !== 'webhook-waiting' ||
			executionId !== '1' ||
			nodeId !== NODE_ID ||
			!validateUrlSignature(signature, url, secret)
		) {
			return { status: 401, body: 'form-invalid-token', headers: {} };
		}
		if (!this.waiting)
			return { status: 200, body: 'send-and-wait-no-action-required', headers: {} };

		const node = this.workflow.getNode('Fiwano')!;
		const nodeType = this.workflow.nodeTypes.getByNameAndVersion(node.type, node.typeVersion);
		const response = new PageResponse();
		const query = Object.fromEntries([...url.searchParams.entries()]);
		const additionalData = {
			...this.additionalData,
			httpRequest: {
				method,
				query,
				body,
				headers: { 'content-type': 'application/x-www-form-urlencoded' },
				params: {},
			},
			httpResponse: response,
		} as unknown as IWorkflowExecuteAdditionalData;
		const webhookData = {
			httpMethod: method,
			node: node.name,
			path: NODE_ID,
			webhookDescription: nodeType.description.webhooks!.find(
				(hook) => hook.httpMethod === method,
			)!,
			workflowId: this.workflow.id,
			workflowExecuteAdditionalData: additionalData,
		} as IWebhookData;
		const context = new WebhookContext(
			this.workflow,
			node,
			additionalData,
			'webhook',
			webhookData,
			[],
			this.runExecutionData,
		);
		const result = await nodeType.webhook!.call(context);
		const opened: Opened = {
			status: response.statusCode,
			body: response.body,
			headers: response.headers,
		};
		if (result.workflowData === undefined) return opened;

		// As n8n does on resume: the waiting node is disabled and passes the answer on.
		const entry = this.runExecutionData.executionData!.nodeExecutionStack[0];
		entry.node.disabled = true;
		entry.data.main = result.workflowData;
		entry.metadata = { ...entry.metadata, forwardAllOutputs: true };
		this.runExecutionData.waitTill = undefined;
		const next = this.runs.next;
		await new WorkflowExecute(
			this.additionalData,
			'manual',
			this.runExecutionData,
		).processRunExecutionData(this.workflow);
		this.finishedRun = await next;
		return { ...opened, resumed: this.finishedRun };
	}
}
