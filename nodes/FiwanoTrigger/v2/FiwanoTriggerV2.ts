import { NodeConnectionTypes } from 'n8n-workflow';
import type {
	IDataObject,
	IHookFunctions,
	ILoadOptionsFunctions,
	INodeExecutionData,
	INodePropertyOptions,
	INodeType,
	INodeTypeBaseDescription,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';

import { searchChannels } from '../../shared/channels';
import { CREDENTIAL_TEST, fiwanoApiCredentialTest } from '../../shared/credentialTest';
import { dedupKey, deliveries, recordShared, seenByAnyProcess } from './dedup';
import { triggerProperties } from './description';
import { buildFilters, filterReason } from './filters';
import { downloadMedia } from './media';
import type { FiwanoEvent } from './payload';
import { parseEvent } from './payload';
import { verifyDelivery } from './secrets';
import { createWebhook, checkWebhook, deleteWebhook } from './setup';
import { triggerState } from './state';
import { SIGNATURE_HEADER } from '../../shared/signature';

type Request = ReturnType<IWebhookFunctions['getRequestObject']>;

/** The exact bytes Fiwano signed. Never re-serialised from the parsed body: that can differ. */
function rawBytes(request: Request): Buffer | undefined {
	if (Buffer.isBuffer(request.rawBody)) return request.rawBody;
	const body: unknown = request.body;
	if (Buffer.isBuffer(body)) return body;
	if (typeof body === 'string') return Buffer.from(body, 'utf8');
	return undefined;
}

export class FiwanoTriggerV2 implements INodeType {
	description: INodeTypeDescription;

	constructor(baseDescription: INodeTypeBaseDescription) {
		this.description = {
			...baseDescription,
			version: 2,
			subtitle: '={{ ($parameter["events"] || []).join(", ") }}',
			defaults: { name: 'Fiwano Trigger' },
			inputs: [],
			outputs: [NodeConnectionTypes.Main],
			credentials: [{ name: 'fiwanoApi', required: true, testedBy: CREDENTIAL_TEST }],
			webhooks: [
				{
					name: 'default',
					httpMethod: 'POST',
					// The node answers itself (noWebhookResponse) before any slow work.
					responseMode: 'onReceived',
					path: 'webhook',
				},
			],
			properties: triggerProperties,
		};
	}

	methods = {
		credentialTest: { fiwanoApiCredentialTest },
		listSearch: { searchChannels },
		loadOptions: {
			async getChannels(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
				const { results } = await searchChannels.call(this);
				return results.map(({ name, value }) => ({ name, value }));
			},
		},
	};

	webhookMethods = {
		default: {
			async checkExists(this: IHookFunctions): Promise<boolean> {
				return await checkWebhook(this);
			},
			async create(this: IHookFunctions): Promise<boolean> {
				return await createWebhook(this);
			},
			async delete(this: IHookFunctions): Promise<boolean> {
				return await deleteWebhook(this);
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		const request = this.getRequestObject();
		const response = this.getResponseObject();
		// A small JSON answer, sent by the node itself so it never waits for later work.
		const answer = (status: number, body: IDataObject): IWebhookResponseData => {
			response.writeHead(status, {
				'Content-Type': 'application/json; charset=utf-8',
			});
			response.end(JSON.stringify(body));
			return { noWebhookResponse: true };
		};

		const options = this.getNodeParameter('options', {}) as IDataObject;
		const signature = this.getHeaderData()[SIGNATURE_HEADER];
		const raw = rawBytes(request);
		const signed = signature !== undefined && signature !== '';
		if (options.allowUnsigned !== true || signed) {
			// The answer never says which check failed beyond missing/invalid, nor what was expected.
			const check = await verifyDelivery(this, raw, signature);
			if (check !== 'valid') return answer(401, { error: `${check} signature` });
		}

		const event = raw
			? parseEvent(raw)
			: parseEvent(Buffer.from(JSON.stringify(request.body ?? null)));
		if (!event) return answer(400, { error: 'invalid payload' });

		const ignored = filterReason(event, buildFilters(this.getNodeParameter('events', []), options));
		if (ignored) return answer(200, { received: true, ignored });

		if (isDuplicateDelivery(this, event)) return answer(200, { received: true, duplicate: true });

		answer(200, { received: true });
		return {
			noWebhookResponse: true,
			workflowData: [[await toItem.call(this, event, options)]],
		};
	}
}

/**
 * This process's memory first (no I/O), then the keys every process shares through the
 * workflow's static data (dedup.ts). A new delivery is recorded in both; recording changes
 * static data, which n8n then saves, so only deliveries that start an execution cost a write.
 */
function isDuplicateDelivery(context: IWebhookFunctions, event: FiwanoEvent): boolean {
	const key = dedupKey(`${context.getWorkflow().id}:${context.getNode().id}`, event);
	if (!key) return false;
	if (deliveries.isDuplicate(key)) return true;
	const state = triggerState(context);
	const now = Math.floor(Date.now() / 1000);
	if (seenByAnyProcess(state.recentDeliveries, key, now)) return true;
	state.recentDeliveries = recordShared(state.recentDeliveries, key, now);
	return false;
}

/** One item per delivery: the event as sent, plus the media file when asked for. */
async function toItem(
	this: IWebhookFunctions,
	event: FiwanoEvent,
	options: IDataObject,
): Promise<INodeExecutionData> {
	if (options.downloadMedia !== true || event.event !== 'message.received' || !event.data.media) {
		return { json: event };
	}
	const { binary, error } = await downloadMedia.call(this, event);
	if (!binary) return { json: error ? { ...event, media_download_error: error } : event };
	const property = String(options.binaryPropertyName || 'data');
	return { json: event, binary: { [property]: binary } };
}
