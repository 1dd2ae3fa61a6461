import { NodeOperationError } from 'n8n-workflow';
import type { IHookFunctions } from 'n8n-workflow';

import { channelLabel } from '../../shared/channels';
import type { TriggerState } from './state';
import type { Channel } from './wiring';
import { giveBackBody, listChannels, patchWithRetry } from './wiring';

const SECRET_NOTE =
	"Their webhook secret is now this trigger's: Fiwano never returns a secret, so the old one cannot be put back. If another endpoint verifies their deliveries, enter its secret again in the Fiwano portal.";

/** Puts channels changed by a failed activation back as they were, newest first. */
export async function rollBack(context: IHookFunctions, wired: Channel[]): Promise<string> {
	if (!wired.length) return '';
	const failed: string[] = [];
	for (const channel of [...wired].reverse()) {
		try {
			await patchWithRetry(context, channel.id, {
				webhook_url: channel.webhook_url ?? null,
				webhook_events: channel.webhook_events ?? [],
			});
		} catch {
			failed.push(`${channelLabel(channel)} (${channel.id})`);
		}
	}
	const restored = failed.length
		? ` Could not restore ${failed.join(', ')}: they point at this trigger's URL, which is not served while the workflow is inactive; check them in the Fiwano portal.`
		: ` The ${wired.length} channel(s) already changed got their webhook URL and events back.`;
	return `${restored} ${SECRET_NOTE}`;
}

/**
 * Gives back the channels that point at `urls` (this trigger's, but no longer wanted): a taken
 * channel gets its previous URL and events, any other is cleared. Returns the IDs it could not
 * change; the caller logs them.
 */
export async function giveBackChannels(
	context: IHookFunctions,
	state: TriggerState,
	channels: Channel[],
	urls: ReadonlySet<string>,
): Promise<Array<{ channel: Channel; error: string }>> {
	const failed: Array<{ channel: Channel; error: string }> = [];
	for (const channel of channels) {
		if (!channel.webhook_url || !urls.has(channel.webhook_url)) continue;
		try {
			await patchWithRetry(context, channel.id, giveBackBody(state, channel.id));
			if (state.takenOver) delete state.takenOver[channel.id];
		} catch (error) {
			failed.push({ channel, error: (error as Error).message });
		}
	}
	return failed;
}

/**
 * Deactivation. Every channel that still points at this URL is ours (the URL is unique to this
 * trigger), registered or not, so a registration lost to a concurrent static-data write is
 * cleared too. A failure keeps the channel registered and is logged: the next activation
 * reclaims it, and the error tells the user which channel still points at a URL that n8n no
 * longer serves.
 */
export async function deleteWebhook(context: IHookFunctions, url: string): Promise<boolean> {
	const state = context.getWorkflowStaticData('node') as TriggerState;
	const channels = await listChannels(context);
	const failed = await giveBackChannels(context, state, channels, new Set([url]));
	const pointingHere = new Set(channels.filter((c) => c.webhook_url === url).map((c) => c.id));
	for (const id of state.registrations?.[url]?.channels ?? []) {
		// Someone rewired it since: it is not ours to give back any more.
		if (!pointingHere.has(id) && state.takenOver) delete state.takenOver[id];
	}
	if (failed.length) {
		state.registrations = {
			...state.registrations,
			[url]: { channels: failed.map(({ channel }) => channel.id) },
		};
		const names = failed.map(
			({ channel, error }) => `${channelLabel(channel)} (${channel.id}): ${error}`,
		);
		context.logger.warn('Fiwano Trigger left channels pointing at its URL after deactivation', {
			url,
			channels: failed.map(({ channel }) => channel.id),
		});
		throw new NodeOperationError(
			context.getNode(),
			`Could not clear the webhook of ${names.join('; ')}`,
			{
				description:
					"The channel(s) still point at this trigger's URL, which n8n does not serve while the workflow is inactive, so their deliveries fail. Clear them in the Fiwano portal, or activate the workflow again (activation reclaims them).",
			},
		);
	}
	if (state.registrations) delete state.registrations[url];
	if (state.lastActivation) delete state.lastActivation[url];
	return true;
}
