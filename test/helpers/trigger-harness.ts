import { HookContext, LoadOptionsContext, WebhookContext } from 'n8n-core';
import { Workflow } from 'n8n-workflow';
import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	INode,
	INodeParameters,
	IWebhookData,
	IWebhookResponseData,
	IWorkflowExecuteAdditionalData,
	WebhookSetupMethodNames,
} from 'n8n-workflow';

import { signBody } from './sign';
import { testAdditionalData } from './additional-data';
import { createNodeTypes, CURRENT_TRIGGER_VERSION, fiwanoTriggerNode, PACKAGE } from './node-types';

export const TRIGGER_TYPE = `${PACKAGE}.fiwanoTrigger`;
export const WEBHOOK_ID = 'a0b1c2d3-0000-4000-8000-00000000f1a0';
export const PRODUCTION_URL = `https://n8n.example.test/webhook/${WEBHOOK_ID}/webhook`;
export const TEST_URL = `https://n8n.example.test/webhook-test/${WEBHOOK_ID}/webhook`;
export const TRIGGER_API_KEY = ['mip', 'live', 'trigger', 'test'].join('_');
export const TRIGGER_BASE_URL = 'https://api.fiwano.test';

let workflowCounter = 0;

/** Minimal http.ServerResponse stand-in: records what the node answered and when. */
export class RecordedResponse {
	statusCode?: number;
	headers: Record<string, string> = {};
	body?: string;
	endedAt?: number;
	private resolveEnded: () => void = () => {};
	readonly ended = new Promise<void>((resolve) => (this.resolveEnded = resolve));

	writeHead(statusCode: number, headers: Record<string, string> = {}): this {
		this.statusCode = statusCode;
		Object.assign(this.headers, headers);
		return this;
	}

	end(chunk?: string | Buffer): this {
		this.body = chunk === undefined ? '' : chunk.toString();
		this.endedAt = Date.now();
		this.resolveEnded();
		return this;
	}

	get json(): IDataObject {
		return JSON.parse(this.body ?? 'null') as IDataObject;
	}
}

export interface DeliveryRequest {
	/** Exact body bytes; a string is used as UTF-8. */
	raw?: Buffer | string;
	/** Parsed body n8n would hand over (default: JSON.parse(raw) when possible). */
	body?: unknown;
	headers?: Record<string, string | string[] | undefined>;
	/** Leave rawBody off the request, as when n8n did not keep the bytes. */
	omitRawBody?: boolean;
}

export interface Delivery {
	result: IWebhookResponseData;
	response: RecordedResponse;
	/** True when the node handed items to n8n, i.e. an execution would start. */
	started: boolean;
}

export class TriggerHarness {
	readonly workflow: Workflow;
	readonly node: INode;
	readonly nodeType = fiwanoTriggerNode();
	private readonly additionalData: IWorkflowExecuteAdditionalData;

	constructor(
		parameters: INodeParameters,
		credentials: ICredentialDataDecryptedObject = {
			apiKey: TRIGGER_API_KEY,
			baseUrl: TRIGGER_BASE_URL,
		},
		options: { workflowId?: string; staticData?: IDataObject } = {},
	) {
		this.workflow = new Workflow({
			id: options.workflowId ?? `trigger-workflow-${++workflowCounter}`,
			name: 'Fiwano Trigger test',
			nodes: [
				{
					id: 'trigger-node',
					name: 'Fiwano Trigger',
					type: TRIGGER_TYPE,
					typeVersion: CURRENT_TRIGGER_VERSION,
					position: [0, 0],
					webhookId: WEBHOOK_ID,
					parameters,
					credentials: { fiwanoApi: { id: '1', name: 'Fiwano account' } },
				},
			],
			connections: {},
			active: true,
			nodeTypes: createNodeTypes({ [TRIGGER_TYPE]: this.nodeType }),
			staticData: options.staticData,
			settings: { executionOrder: 'v1' },
		});
		this.node = this.workflow.getNode('Fiwano Trigger')!;
		this.additionalData = testAdditionalData(credentials, {
			instanceUrl: 'https://n8n.example.test',
		});
	}

	/** The node's static data, as n8n would save it with the workflow. */
	get staticData(): IDataObject {
		return this.workflow.getStaticData('node', this.node);
	}

	private webhookData(isTest: boolean, additionalData = this.additionalData): IWebhookData {
		const webhookDescription = this.nodeType.description.webhooks![0];
		return {
			httpMethod: 'POST',
			node: this.node.name,
			path: `${WEBHOOK_ID}/webhook`,
			webhookDescription,
			workflowId: this.workflow.id,
			workflowExecuteAdditionalData: additionalData,
			webhookId: WEBHOOK_ID,
			isTest,
		};
	}

	/** Runs a lifecycle method through n8n-core's HookContext, as activation does. */
	async hook(method: WebhookSetupMethodNames, { isTest = false } = {}): Promise<boolean> {
		const context = new HookContext(
			this.workflow,
			this.node,
			this.additionalData,
			isTest ? 'manual' : 'trigger',
			isTest ? 'manual' : 'activate',
			this.webhookData(isTest),
		);
		return await this.nodeType.webhookMethods.default[method].call(context);
	}

	/** Runs one of the node's loadOptions methods through n8n-core's LoadOptionsContext. */
	async loadOptions(method: 'getChannels') {
		const context = new LoadOptionsContext(
			this.workflow,
			this.node,
			this.additionalData,
			'options.channels',
		);
		return await this.nodeType.methods.loadOptions[method].call(context);
	}

	/** Starts a delivery through n8n-core's WebhookContext; resolves when webhook() returns. */
	deliver(request: DeliveryRequest): {
		response: RecordedResponse;
		done: Promise<Delivery>;
	} {
		const raw = typeof request.raw === 'string' ? Buffer.from(request.raw, 'utf8') : request.raw;
		let body = request.body;
		if (body === undefined && raw) {
			try {
				body = JSON.parse(raw.toString('utf8'));
			} catch {
				body = {};
			}
		}
		const httpRequest = {
			method: 'POST',
			headers: {
				'content-type': 'application/json',
				...(request.headers ?? {}),
			},
			body,
			query: {},
			params: {},
			...(request.omitRawBody ? {} : { rawBody: raw }),
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
		const done = this.nodeType.webhook.call(context).then((result) => ({
			result,
			response,
			started: result.workflowData !== undefined,
		}));
		return { response, done };
	}

	async send(request: DeliveryRequest): Promise<Delivery> {
		return await this.deliver(request).done;
	}

	/** A delivery signed the way Fiwano signs it. */
	async sendSigned(
		event: unknown,
		signingValue: string,
		headers: Record<string, string> = {},
	): Promise<Delivery> {
		const raw = Buffer.from(JSON.stringify(event), 'utf8');
		return await this.send({
			raw,
			headers: {
				'x-webhook-signature': signBody(signingValue, raw),
				...headers,
			},
		});
	}
}

let messageCounter = 0;

/** A WhatsApp text message as in the API reference, with a fresh message id each call. */
export function receivedText(overrides: IDataObject = {}, data: IDataObject = {}): IDataObject {
	return {
		event: 'message.received',
		channel_id: 'a1b2c3d4e5f67890',
		channel_type: 'whatsapp',
		timestamp: '2025-01-15T10:30:00Z',
		data: {
			message_id: `wamid.test${++messageCounter}`,
			from: '1234567890',
			from_name: 'John Doe',
			type: 'text',
			text: 'Hello!',
			...data,
		},
		...overrides,
	};
}
