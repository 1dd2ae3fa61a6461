import { NodeApiError, NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';
import type {
	IDataObject,
	IExecuteFunctions,
	INode,
	INodeExecutionData,
	INodeType,
	INodeTypeBaseDescription,
	INodeTypeDescription,
} from 'n8n-workflow';

import { CREDENTIAL_TEST, fiwanoApiCredentialTest } from '../../shared/credentialTest';
import { isFailedSend } from '../../shared/failedSends';
import { fiwanoApiRequest } from '../../shared/transport';
import { channelFields, channelOperations } from './descriptions/channel';
import { contactFields, contactOperations } from './descriptions/contact';
import { mediaFields, mediaOperations } from './descriptions/media';
import { messageFields, messageOperations } from './descriptions/message';
import { redirectFields, redirectOperations } from './descriptions/redirect';
import { subscriptionFields, subscriptionOperations } from './descriptions/subscription';
import { templateFields, templateOperations } from './descriptions/template';
import { failedSend } from './failedSend';
import { downloadMedia } from './media';
import { REQUESTS } from './requests';

const KNOWN: Record<string, string[]> = {
	...Object.fromEntries(Object.entries(REQUESTS).map(([name, ops]) => [name, Object.keys(ops)])),
	media: ['download'],
};

/** Body and query only when they hold a key, as the published node sent them. */
const withKeys = (value: IDataObject | undefined): IDataObject | undefined =>
	value && Object.keys(value).length > 0 ? value : undefined;

const isSendResult = (value: unknown): value is IDataObject =>
	value !== null && typeof value === 'object' && !Array.isArray(value);

/** The response as items: an array gives one item per element, anything else one item. */
function toItems(response: unknown, itemIndex: number): INodeExecutionData[] {
	const values = Array.isArray(response) ? (response as unknown[]) : [response];
	return values.map((value) => ({
		json:
			value !== null && typeof value === 'object'
				? (value as IDataObject)
				: value === undefined || value === null || value === ''
					? {}
					: { value: value as string },
		pairedItem: { item: itemIndex },
	}));
}

/**
 * The published Fiwano node 1.x (typeVersion 1 and 2), kept as saved workflows expect it:
 * parameter names, defaults, requests and output shapes. Version 2 differs only in the
 * default of Error on Failed Send. Requests go through the shared transport (credential
 * Base URL, error mapping, 429/503 retries).
 */
export class FiwanoV1 implements INodeType {
	description: INodeTypeDescription;

	constructor(baseDescription: INodeTypeBaseDescription) {
		this.description = {
			...baseDescription,
			version: [1, 2],
			subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
			defaults: { name: 'Fiwano' },
			usableAsTool: true,
			inputs: [NodeConnectionTypes.Main],
			outputs: [NodeConnectionTypes.Main],
			credentials: [{ name: 'fiwanoApi', required: true, testedBy: CREDENTIAL_TEST }],
			hints: [
				{
					message:
						'A send Meta rejects comes back as a normal item with success: false and the node stays green. Turn on Error on Failed Send to fail the run instead.',
					type: 'info',
					location: 'outputPane',
					whenToDisplay: 'beforeExecution',
					displayCondition:
						'={{ $parameter["resource"] === "message" && $parameter["errorOnSendFailure"] === false }}',
				},
			],
			properties: [
				{
					displayName: 'Resource',
					name: 'resource',
					type: 'options',
					noDataExpression: true,
					options: [
						{ name: 'Channel', value: 'channel' },
						{ name: 'Contact', value: 'contact' },
						{ name: 'Media', value: 'media' },
						{ name: 'Message', value: 'message' },
						{ name: 'Redirect URI', value: 'redirect' },
						{ name: 'Subscription', value: 'subscription' },
						{ name: 'Template', value: 'template' },
					],
					default: 'message',
				},
				channelOperations,
				messageOperations,
				templateOperations,
				contactOperations,
				redirectOperations,
				mediaOperations,
				subscriptionOperations,
				...channelFields,
				...messageFields,
				...templateFields,
				...contactFields,
				...redirectFields,
				...mediaFields,
				...subscriptionFields,
			],
		};
	}

	methods = { credentialTest: { fiwanoApiCredentialTest } };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = this.getInputData();
		const output: INodeExecutionData[] = [];
		let failedSendsAsItems = 0;

		for (let i = 0; i < items.length; i++) {
			try {
				const { resource, operation } = knownOperation(this, i);
				if (resource === 'media') {
					output.push(await downloadMedia.call(this, i));
					continue;
				}
				const request = await REQUESTS[resource][operation].call(this, i);
				const response: unknown = await fiwanoApiRequest.call(this, request.method, request.path, {
					body: withKeys(request.body),
					qs: withKeys(request.qs),
				});
				if (resource === 'message' && isSendResult(response) && isFailedSend(response)) {
					if (this.getNodeParameter('errorOnSendFailure', i, false) === true) {
						const failure = failedSend(this.getNode(), response, i);
						if (!this.continueOnFail()) throw failure.error;
						output.push({ json: { error: failure.item }, pairedItem: { item: i } });
						continue;
					}
					failedSendsAsItems++;
				}
				output.push(...toItems(response, i));
			} catch (error) {
				if (this.continueOnFail()) {
					output.push({ json: { error: (error as Error).message }, pairedItem: { item: i } });
					continue;
				}
				throw asNodeError(this.getNode(), error, i);
			}
		}

		// Older n8n versions have no execution hints.
		if (failedSendsAsItems > 0 && typeof this.addExecutionHints === 'function') {
			this.addExecutionHints({
				message: `${failedSendsAsItems} send(s) rejected by Meta came back as normal items (success: false). Turn on Error on Failed Send to fail the run instead, or branch on {{ $json.success }}.`,
				type: 'warning',
				location: 'outputPane',
			});
		}
		return [output];
	}
}

/** Errors of this node pass as they are; anything unexpected is attributed to the node. */
function asNodeError(node: INode, error: unknown, itemIndex: number) {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) return error;
	return new NodeOperationError(node, error as Error, { itemIndex });
}

/** Resource and operation of the item, refused by name when this version does not know them. */
function knownOperation(context: IExecuteFunctions, itemIndex: number) {
	const version = context.getNode().typeVersion;
	const resource = context.getNodeParameter('resource', itemIndex) as string;
	if (!KNOWN[resource]) {
		throw new NodeOperationError(
			context.getNode(),
			`The resource "${resource}" is not known to Fiwano node version ${version}. Open the node and pick one of: ${Object.keys(KNOWN).sort().join(', ')}.`,
			{ itemIndex },
		);
	}
	const operation = context.getNodeParameter('operation', itemIndex) as string;
	if (!KNOWN[resource].includes(operation)) {
		throw new NodeOperationError(
			context.getNode(),
			`The operation "${operation}" is not known to Fiwano node version ${version}. Open the node and pick one of the ${resource} operations: ${KNOWN[resource].join(', ')}.`,
			{ itemIndex },
		);
	}
	return { resource, operation };
}
