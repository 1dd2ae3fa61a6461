import { createHmac } from 'crypto';
import { HookContext, WebhookContext } from 'n8n-core';
import { NodeHelpers, Workflow } from 'n8n-workflow';
import type {
	ICredentialDataDecryptedObject,
	INode,
	INodeParameters,
	INodeType,
	IWebhookData,
	IWebhookResponseData,
	IWorkflowExecuteAdditionalData,
	WebhookSetupMethodNames,
} from 'n8n-workflow';

import { FiwanoTrigger } from '../../nodes/FiwanoTrigger/FiwanoTrigger.node';
import { signBody } from '../helpers/sign';
import { testAdditionalData } from '../helpers/additional-data';
import { createNodeTypes } from '../helpers/node-types';
import {
	RecordedResponse,
	TRIGGER_API_KEY,
	TRIGGER_BASE_URL,
	TRIGGER_TYPE,
	WEBHOOK_ID,
} from '../helpers/trigger-harness';

/**
 * A Fiwano Trigger saved by the published 1.x package (typeVersion 1), run through n8n-core's
 * real HookContext and WebhookContext. The node type is the package's VersionedNodeType, so
 * the test also proves that typeVersion 1 resolves to the legacy implementation.
 */
export interface LegacyTriggerOptions {
	/** Decrypted credential; null = no credential on the node (0.x triggers were saved so). */
	credentials?: ICredentialDataDecryptedObject | null;
	/** Instance address n8n builds the Production URL from. */
	instanceUrl?: string;
	workflowId?: string;
	nodeId?: string;
	/** Saved credential id; each harness gets its own unless a test shares one. */
	credentialId?: string;
}

let credentialCounter = 0;

export const LEGACY_INSTANCE = 'https://n8n.example.test';
export const LEGACY_PRODUCTION_URL = `${LEGACY_INSTANCE}/webhook/${WEBHOOK_ID}/webhook`;

export interface LegacyDelivery {
	result: IWebhookResponseData;
	response: RecordedResponse;
	started: boolean;
}

export class LegacyTriggerHarness {
	readonly workflow: Workflow;
	readonly node: INode;
	readonly nodeType: INodeType;
	/** Messages the node logged with logger.warn, in order. */
	readonly warnings: string[] = [];
	private readonly additionalData: IWorkflowExecuteAdditionalData;

	constructor(parameters: INodeParameters, options: LegacyTriggerOptions = {}) {
		const credentials =
			options.credentials === undefined
				? { apiKey: TRIGGER_API_KEY, baseUrl: TRIGGER_BASE_URL }
				: options.credentials;
		const versioned = new FiwanoTrigger();
		this.workflow = new Workflow({
			id: options.workflowId ?? 'legacy-workflow-1',
			name: 'Fiwano Trigger 1.x',
			nodes: [
				{
					id: options.nodeId ?? 'legacy-trigger-node',
					name: 'Fiwano Trigger',
					type: TRIGGER_TYPE,
					typeVersion: 1,
					position: [0, 0],
					webhookId: WEBHOOK_ID,
					parameters,
					...(credentials
						? {
								credentials: {
									fiwanoApi: {
										id: options.credentialId ?? `legacy-credential-${++credentialCounter}`,
										name: 'Fiwano account',
									},
								},
							}
						: {}),
				},
			],
			connections: {},
			active: true,
			nodeTypes: createNodeTypes({ [TRIGGER_TYPE]: versioned }),
			settings: { executionOrder: 'v1' },
		});
		this.node = this.workflow.getNode('Fiwano Trigger')!;
		this.nodeType = NodeHelpers.getVersionedNodeType(versioned, 1) as INodeType;
		this.additionalData = testAdditionalData(credentials ?? {}, {
			instanceUrl: options.instanceUrl ?? LEGACY_INSTANCE,
		});
	}

	private webhookData(isTest: boolean, additionalData = this.additionalData): IWebhookData {
		return {
			httpMethod: 'POST',
			node: this.node.name,
			path: `${WEBHOOK_ID}/webhook`,
			webhookDescription: this.nodeType.description.webhooks![0],
			workflowId: this.workflow.id,
			workflowExecuteAdditionalData: additionalData,
			webhookId: WEBHOOK_ID,
			isTest,
		};
	}

	private recordWarnings(context: object): void {
		const logger = {
			warn: (message: string) => this.warnings.push(message),
			info: () => {},
			debug: () => {},
			error: () => {},
		};
		Object.defineProperty(context, 'logger', { value: logger });
	}

	/** Runs a lifecycle method through n8n-core's HookContext, as activation does. */
	async hook(method: WebhookSetupMethodNames): Promise<boolean> {
		const context = new HookContext(
			this.workflow,
			this.node,
			this.additionalData,
			'trigger',
			'activate',
			this.webhookData(false),
		);
		this.recordWarnings(context);
		return await this.nodeType.webhookMethods!.default![method]!.call(context);
	}

	/** One delivery through n8n-core's WebhookContext. */
	async send(
		raw: string,
		headers: Record<string, string> = {},
		{ omitRawBody = false } = {},
	): Promise<LegacyDelivery> {
		const httpRequest = {
			method: 'POST',
			headers: { 'content-type': 'application/json', ...headers },
			body: JSON.parse(raw) as unknown,
			query: {},
			params: {},
			...(omitRawBody ? {} : { rawBody: Buffer.from(raw, 'utf8') }),
		};
		const response = new RecordedResponse();
		const additionalData = {
			...this.additionalData,
			httpRequest,
			httpResponse: response,
		} as unknown as IWorkflowExecuteAdditionalData;
		const context = new WebhookContext(
			this.workflow,
			this.node,
			additionalData,
			'webhook',
			this.webhookData(false, additionalData),
			[],
			null,
		);
		const result = await this.nodeType.webhook!.call(context);
		return { result, response, started: result.workflowData !== undefined };
	}

	/** A delivery signed the way Fiwano signs it. */
	async sendSigned(event: unknown, secret: string): Promise<LegacyDelivery> {
		const raw = JSON.stringify(event);
		return await this.send(raw, { 'x-webhook-signature': signBody(secret, raw) });
	}
}

/** The derived secret recomputed from the documented recipe, independently of the node's code. */
export function expectedDerivedSecret(apiKey: string, workflowId: string, nodeId: string): string {
	return createHmac('sha256', apiKey)
		.update(`fiwano-trigger-secret:v1:${workflowId}:${nodeId}`)
		.digest('hex');
}

/** A harness factory for one test file's workflow and node IDs. */
export function legacyHarnessFor(workflowId: string, nodeId: string) {
	return (parameters: INodeParameters, options: LegacyTriggerOptions = {}) =>
		new LegacyTriggerHarness(parameters, { workflowId, nodeId, ...options });
}
