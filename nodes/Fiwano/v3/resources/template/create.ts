import type {
	IDataObject,
	IExecuteSingleFunctions,
	IHttpRequestOptions,
	INodeProperties,
} from 'n8n-workflow';

import { invalidField } from '../../shared/validation';
import { componentFields } from './components';

const show = { resource: ['template'], operation: ['create'] };

const TEMPLATE_NAME = /^[a-z0-9_]+$/;

export async function validateTemplateName(
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	const name = String((requestOptions.body as IDataObject).name ?? '');
	if (!TEMPLATE_NAME.test(name) || name.length > 512) {
		invalidField(
			this,
			'Name',
			name ? `"${name.slice(0, 80)}" is not a valid template name` : 'is empty',
			'Use lowercase letters, digits and underscores only (at most 512), e.g. order_confirmation.',
		);
	}
	return requestOptions;
}

export const templateCreateDescription: INodeProperties[] = [
	{
		displayName: 'Name',
		name: 'name',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. order_confirmation',
		displayOptions: { show },
		description: 'Template name: lowercase letters, digits and underscores',
		routing: { send: { type: 'body', property: 'name', preSend: [validateTemplateName] } },
	},
	{
		displayName: 'Category',
		name: 'category',
		type: 'options',
		required: true,
		default: 'UTILITY',
		displayOptions: { show },
		options: [
			{ name: 'Authentication', value: 'AUTHENTICATION', description: 'One-time passcodes' },
			{ name: 'Marketing', value: 'MARKETING', description: 'Promotions, offers, news' },
			{ name: 'Utility', value: 'UTILITY', description: 'Order, account and service updates' },
		],
		description: 'Meta category, which decides pricing and review rules',
		routing: { send: { type: 'body', property: 'category' } },
	},
	{
		displayName: 'Language',
		name: 'language',
		type: 'string',
		required: true,
		default: 'en_US',
		placeholder: 'e.g. en_US',
		displayOptions: { show },
		description: 'Language code of this template version, e.g. en_US, es, ru',
		routing: { send: { type: 'body', property: 'language' } },
	},
	...componentFields(show),
];
