import type {
	IDataObject,
	IExecuteSingleFunctions,
	IHttpRequestOptions,
	INodeProperties,
} from 'n8n-workflow';

import { checkApiErrors, listOutput, pathId, redirectLocator, returnAllOrLimit } from '../../shared/descriptions';
import { deletedResult, throwOnApiError } from '../../shared/hooks';
import { invalidField } from '../../shared/validation';

const showOnlyForRedirects = { resource: ['redirect'] };

export async function validateRedirectPattern(
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	const body = requestOptions.body as IDataObject;
	const pattern = String(body.uri_pattern ?? '').trim();
	if (!/^https:\/\/[^\s/]+/.test(pattern)) {
		invalidField(
			this,
			'URI Pattern',
			pattern ? `"${pattern.slice(0, 80)}" is not an HTTPS URL` : 'is empty',
			'Enter an HTTPS URL, optionally with * wildcards, e.g. https://*.example.com/callback.',
		);
	}
	body.uri_pattern = pattern;
	return requestOptions;
}

export const redirectDescription: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: showOnlyForRedirects },
		options: [
			{
				name: 'Add',
				value: 'add',
				action: 'Add an allowed redirect',
				description: 'Allow a redirect URI for Channel > Generate OAuth URL',
				routing: {
					request: { method: 'POST', url: '/api/v1/redirects' },
					output: checkApiErrors,
				},
			},
			{
				name: 'Delete',
				value: 'delete',
				action: 'Delete an allowed redirect',
				description: 'Remove an allowed redirect URI',
				routing: {
					request: { method: 'DELETE', url: `=/api/v1/redirects/${pathId('redirectId')}` },
					output: { postReceive: [throwOnApiError, deletedResult('redirectId', 'redirect_id')] },
				},
			},
			{
				name: 'Get Many',
				value: 'getAll',
				action: 'Get many allowed redirects',
				description: 'List the redirect URIs allowed for this API key',
				routing: {
					request: { method: 'GET', url: '/api/v1/redirects' },
					output: listOutput('redirects'),
				},
			},
		],
		default: 'getAll',
	},
	{
		displayName: 'URI Pattern',
		name: 'uriPattern',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. https://yourapp.com/callback',
		displayOptions: { show: { ...showOnlyForRedirects, operation: ['add'] } },
		description: 'HTTPS URL, or a pattern with * wildcards such as https://*.example.com/*',
		routing: { send: { type: 'body', property: 'uri_pattern', preSend: [validateRedirectPattern] } },
	},
	{
		...redirectLocator,
		displayOptions: { show: { ...showOnlyForRedirects, operation: ['delete'] } },
	},
	...returnAllOrLimit({ ...showOnlyForRedirects, operation: ['getAll'] }),
];
