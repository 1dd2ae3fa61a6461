// Small node classes for the contract tests, shaped like the vendor's `version: [1, 2]` node.
import type { INodeProperties, INodeType } from 'n8n-workflow';

import { extractContract } from './extract';
import type { Contract } from './extract';

/** A small node class declaring `versions`, like the vendor's `version: [1, 2]` node. */
export const fakeNode = (
	properties: INodeProperties[],
	versions: number[] = [1, 2],
	required = false,
): INodeType => ({
	description: {
		displayName: 'X',
		name: 'x',
		group: [],
		version: versions,
		description: '',
		defaults: {},
		inputs: [],
		outputs: [],
		credentials: [{ name: 'xApi', required }],
		properties,
	},
});
export const contractOf = (node: INodeType): Contract => extractContract([node], []);

const resource: INodeProperties = {
	displayName: 'Resource',
	name: 'resource',
	type: 'options',
	options: [{ name: 'Message', value: 'message' }],
	default: 'message',
};
const operation: INodeProperties = {
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	options: [
		{ name: 'Send', value: 'send' },
		{ name: 'Send Media', value: 'sendMedia' },
	],
	default: 'send',
	displayOptions: { show: { resource: ['message'] } },
};
const errorOnSendFailure = (version: number[], value: boolean): INodeProperties => ({
	displayName: 'Error on Failed Send',
	name: 'errorOnSendFailure',
	type: 'boolean',
	default: value,
	displayOptions: { show: { resource: ['message'], '@version': version } },
});
export const legacy = fakeNode([
	resource,
	operation,
	errorOnSendFailure([2], true),
	errorOnSendFailure([1], false),
	{
		displayName: 'Channel ID',
		name: 'channelId',
		type: 'string',
		default: '',
		displayOptions: { show: { resource: ['message'] } },
	},
	{
		displayName: 'Since 2',
		name: 'since2',
		type: 'string',
		default: 'v2',
		displayOptions: { show: { '@version': [{ _cnd: { gte: 2 } }] } },
	},
	{
		displayName: 'Until 1',
		name: 'until1',
		type: 'number',
		default: 1,
		displayOptions: { hide: { '@version': [{ _cnd: { gte: 2 } }] } },
	},
]);
