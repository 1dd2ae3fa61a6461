import type { INodeProperties } from 'n8n-workflow';

import { defaultWebhookSecret } from '../../shared/hooks';
import { applyUpdateSwitches, checkWebhookSecretLength } from './hooks';
import { webhookFields } from './webhookFields';

const show = { resource: ['channel'], operation: ['update'] };

/** Channel settings beyond the webhook; applyUpdateSwitches turns them into API fields. */
const subscriptionFields: INodeProperties[] = [
	{
		displayName: 'Clear Webhook URL',
		name: 'clearWebhookUrl',
		type: 'boolean',
		default: false,
		description:
			'Whether to remove the webhook URL, so Fiwano stops delivering events (the secret and events are kept). Wins over a Webhook URL set here.',
	},
	{
		displayName: 'Release Subscription Slot',
		name: 'releaseSubscriptionSlot',
		type: 'boolean',
		default: false,
		description:
			'Whether to free the subscription slot of a deactivated channel (Channel > Delete first), so another channel can be connected. Effectively permanent once another channel takes the slot.',
	},
	{
		displayName: 'Subscription ID',
		name: 'subscriptionId',
		type: 'string',
		default: '',
		placeholder: 'e.g. sub_abc123',
		description:
			'Move the channel to this subscription (see Subscription > Get Many). No downtime; moving to a Starter subscription stops media and template sends at once. Empty: unchanged.',
	},
];

export const channelUpdateDescription: INodeProperties[] = [
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		displayOptions: { show },
		options: [...subscriptionFields, ...webhookFields].sort((a, b) =>
			a.displayName.localeCompare(b.displayName),
		),
		routing: {
			send: {
				preSend: [
					applyUpdateSwitches,
					defaultWebhookSecret,
					checkWebhookSecretLength('updateFields'),
				],
			},
		},
	},
];
