import type { INodeProperties } from 'n8n-workflow';

const show = { resource: ['template'], operation: ['delete'] };

export const templateDeleteDescription: INodeProperties[] = [
	{
		displayName: 'All Languages',
		name: 'allLanguages',
		type: 'boolean',
		default: false,
		displayOptions: { show },
		description:
			'Whether to delete every language version of the template, not only this one. A deleted approved name cannot be reused for 30 days.',
		routing: {
			send: { type: 'query', property: 'all_languages', value: '={{ $value ? "true" : "false" }}' },
		},
	},
];
