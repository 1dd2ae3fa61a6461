import { NodeOperationError } from 'n8n-workflow';
import type { IDataObject, IHookFunctions } from 'n8n-workflow';

import { channelLabel, EVENTS_BY_CHANNEL_TYPE } from '../../shared/channels';
import type { ActivationReport } from './state';
import type { Channel } from './wiring';

/* Which channels an activation wires, with which events, and which it leaves alone (and why). */

export function eventsForChannel(channelType: string, selected: readonly string[]): string[] {
	const valid = EVENTS_BY_CHANNEL_TYPE[channelType] ?? [];
	return valid.filter((event) => selected.includes(event));
}

/** Channel IDs from the "Channels" collection; each entry is a resource locator or a plain ID. */
export function selectedChannelIds(context: IHookFunctions): string[] {
	const entries = context.getNodeParameter('channelIds.channel', []) as IDataObject[];
	const ids = entries.map(({ channelId }) =>
		String(
			channelId && typeof channelId === 'object'
				? ((channelId as IDataObject).value ?? '')
				: (channelId ?? ''),
		).trim(),
	);
	return [...new Set(ids.filter(Boolean))];
}

export interface Plan {
	targets: Array<{ channel: Channel; events: string[] }>;
	left: ActivationReport['left'];
}

export function planSelected(context: IHookFunctions, channels: Channel[], events: string[]): Plan {
	const ids = selectedChannelIds(context);
	if (!ids.length) {
		throw new NodeOperationError(context.getNode(), 'No channel selected', {
			description: 'Add at least one channel under Channels, or choose another Webhook Setup.',
		});
	}
	const byId = new Map(channels.map((channel) => [channel.id, channel]));
	const targets = ids.map((id) => {
		const channel = byId.get(id);
		if (!channel) {
			throw new NodeOperationError(context.getNode(), `Channel ${id} was not found`, {
				description:
					'Check the channel ID. Channels of another Fiwano account are not visible to this API key.',
			});
		}
		const channelEvents = eventsForChannel(channel.channel_type, events);
		if (!channelEvents.length) {
			throw new NodeOperationError(
				context.getNode(),
				`None of the selected events applies to channel ${channelLabel(channel)} (${id})`,
				{
					description: `A ${channel.channel_type} channel supports: ${(EVENTS_BY_CHANNEL_TYPE[channel.channel_type] ?? []).join(', ')}.`,
				},
			);
		}
		return { channel, events: channelEvents };
	});
	return { targets, left: [] };
}

export function planAll(
	context: IHookFunctions,
	channels: Channel[],
	events: string[],
	url: string,
	ownUrls: ReadonlySet<string>,
): Plan {
	const options = context.getNodeParameter('options', {}) as IDataObject;
	const takeOver = options.takeOverChannels === true;
	const plan: Plan = { targets: [], left: [] };
	for (const channel of channels) {
		if (!channel.is_active) continue;
		const name = channel.name ?? undefined;
		const channelEvents = eventsForChannel(channel.channel_type, events);
		if (!channelEvents.length) {
			plan.left.push({
				id: channel.id,
				name,
				reason: `no selected event applies to ${channel.channel_type}`,
			});
		} else if (
			channel.webhook_url &&
			channel.webhook_url !== url &&
			!ownUrls.has(channel.webhook_url) &&
			!takeOver
		) {
			plan.left.push({ id: channel.id, name, reason: 'wired to another URL' });
		} else {
			plan.targets.push({ channel, events: channelEvents });
		}
	}
	if (!plan.targets.length) {
		const left = plan.left.map(({ id, name, reason }) => `${name ?? id} (${id}): ${reason}`);
		throw new NodeOperationError(
			context.getNode(),
			'No active channel could be wired to this trigger',
			{
				description: left.length
					? `Left alone: ${left.join('; ')}. Turn on the option Take Over Channels to rewire channels that point at another URL.`
					: 'The account has no active channel. Connect one in the Fiwano portal.',
			},
		);
	}
	return plan;
}
