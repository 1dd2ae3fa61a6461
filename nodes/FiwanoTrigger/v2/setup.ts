import { NodeOperationError } from 'n8n-workflow';
import type { IDataObject, IHookFunctions } from 'n8n-workflow';

import { channelLabel, EVENTS_BY_CHANNEL_TYPE } from '../../shared/channels';
import { apiBaseUrl, CREDENTIAL_TYPE } from '../../shared/transport';
import { secretTooLongMessage, webhookUrlProblem } from '../../shared/webhookRules';
import { deleteWebhook as giveBackOnDelete, giveBackChannels, rollBack } from './giveBack';
import { currentSecret, isAutomatic, legacyStoredSecret } from './secrets';
import type { ActivationReport, PreviousWebhook } from './state';
import { triggerState } from './state';
import type { Channel } from './wiring';
import type { Plan } from './plan';
import { eventsForChannel, planAll, planSelected, selectedChannelIds } from './plan';
import { listChannels, oldOwnUrls, patchChannel, rememberOwnUrl } from './wiring';

export type { Channel };
export { eventsForChannel, selectedChannelIds };
export { EVENTS_BY_CHANNEL_TYPE };

function webhookUrl(context: IHookFunctions): string {
	return context.getNodeWebhookUrl('default') as string;
}

function setupMode(context: IHookFunctions): string {
	return context.getNodeParameter('webhookSetup', 'manual') as string;
}

function selectedEvents(context: IHookFunctions): string[] {
	return context.getNodeParameter('events', []) as string[];
}

function sameEvents(a: readonly string[] | null | undefined, b: readonly string[]): boolean {
	const current = a ?? [];
	return current.length === b.length && b.every((event) => current.includes(event));
}

/** Manual setup has nothing to register, but cannot verify anything without a secret. */
async function manualReady(context: IHookFunctions): Promise<boolean> {
	const options = context.getNodeParameter('options', {}) as IDataObject;
	return options.allowUnsigned === true || !!(await currentSecret(context));
}

/**
 * False (so n8n runs create()) also when there is cleanup only create() does: a legacy stored
 * secret to replace, or channels registered on an old URL of this trigger to reclaim.
 */
export async function checkWebhook(context: IHookFunctions): Promise<boolean> {
	if (!isAutomatic(setupMode(context))) return await manualReady(context);
	const url = webhookUrl(context);
	const state = triggerState(context);
	if (legacyStoredSecret(context)) return false;
	const old = oldOwnUrls(state, url);
	if (Object.keys(state.registrations ?? {}).some((known) => old.has(known))) return false;
	const registration = state.registrations?.[url];
	if (!registration?.channels.length) return false;
	const channels = new Map((await listChannels(context)).map((channel) => [channel.id, channel]));
	const events = selectedEvents(context);
	const wiredHere = registration.channels.every((id) => {
		const channel = channels.get(id);
		return (
			channel?.webhook_url === url &&
			sameEvents(channel.webhook_events, eventsForChannel(channel.channel_type, events))
		);
	});
	if (!wiredHere) return false;
	if (setupMode(context) === 'selectedChannels') {
		return selectedChannelIds(context).every((id) => registration.channels.includes(id));
	}
	return true;
}

/**
 * Fiwano's rules, checked before any request: secrets of at most 64 characters, and (automatic
 * setup) an HTTPS webhook URL that is not this machine, unless the API is a local sandbox.
 */
async function checkPlatformRules(context: IHookFunctions, url?: string): Promise<void> {
	const credentials = await context.getCredentials(CREDENTIAL_TYPE);
	const problem =
		secretTooLongMessage(
			context.getNodeParameter('secret', ''),
			'The Webhook Secret of this node',
		) ??
		secretTooLongMessage(
			(context.getNodeParameter('options', {}) as IDataObject).previousSecret,
			'The Previous Secret option',
		) ??
		secretTooLongMessage(credentials.webhookSecret, "The credential's Webhook Secret") ??
		(url === undefined ? undefined : webhookUrlProblem(url, apiBaseUrl(credentials.baseUrl)));
	if (problem) throw new NodeOperationError(context.getNode(), problem);
}

/**
 * A channel pointing at a URL that is not this trigger's: remember its webhook so deactivation
 * gives it back (URL and events; Fiwano never returns the secret, so that cannot be restored).
 */
function previousWebhook(channel: Channel, url: string, ownUrls: ReadonlySet<string>) {
	const current = channel.webhook_url;
	if (!current || current === url || ownUrls.has(current)) return undefined;
	return { url: current, events: channel.webhook_events ?? [] } satisfies PreviousWebhook;
}

async function wire(
	context: IHookFunctions,
	plan: Plan,
	url: string,
	secret: string | undefined,
): Promise<Channel[]> {
	const wired: Channel[] = [];
	for (const { channel, events } of plan.targets) {
		try {
			await patchChannel(context, channel.id, {
				webhook_url: url,
				webhook_events: events,
				webhook_secret: secret,
			});
			wired.push(channel);
		} catch (error) {
			const restored = await rollBack(context, wired);
			throw new NodeOperationError(
				context.getNode(),
				`Could not wire channel ${channelLabel(channel)} (${channel.id}) to this trigger: ${(error as Error).message}`,
				{
					description: `${(error as { description?: string }).description ?? ''}${restored}`.trim(),
				},
			);
		}
	}
	return wired;
}

export async function createWebhook(context: IHookFunctions): Promise<boolean> {
	const mode = setupMode(context);
	if (!isAutomatic(mode)) {
		await checkPlatformRules(context);
		if (await manualReady(context)) return true;
		throw new NodeOperationError(
			context.getNode(),
			'No webhook secret to verify Fiwano signatures with',
			{
				description:
					"Enter the channel's webhook secret in the credential's Webhook Secret (stored encrypted) or the node's Webhook Secret field, or turn on Allow Unsigned Deliveries (not recommended).",
			},
		);
	}
	const url = webhookUrl(context);
	await checkPlatformRules(context, url);
	const state = triggerState(context);
	const events = selectedEvents(context);
	const channels = await listChannels(context);
	const ownUrls = oldOwnUrls(state, url);
	const plan =
		mode === 'selectedChannels'
			? planSelected(context, channels, events)
			: planAll(context, channels, events, url, ownUrls);
	const secret = await currentSecret(context);
	const taken = new Map<string, PreviousWebhook>();
	for (const { channel } of plan.targets) {
		const previous = state.takenOver?.[channel.id] ?? previousWebhook(channel, url, ownUrls);
		if (previous) taken.set(channel.id, previous);
	}

	const wired = await wire(context, plan, url, secret);

	if (taken.size) state.takenOver = { ...state.takenOver, ...Object.fromEntries(taken) };
	// Channels of ours that this activation does not want (deselected, or left on an old URL of
	// this trigger after a deactivation that failed) are given back now.
	const targetIds = new Set(wired.map(({ id }) => id));
	const stale = channels.filter((channel) => !targetIds.has(channel.id));
	const stuck = await giveBackChannels(context, state, stale, new Set([url, ...ownUrls]));
	const registrations = { ...state.registrations };
	for (const old of ownUrls) delete registrations[old];
	for (const { channel } of stuck) {
		const on = channel.webhook_url as string;
		registrations[on] = { channels: [...(registrations[on]?.channels ?? []), channel.id] };
	}
	registrations[url] = { channels: wired.map(({ id }) => id) };
	state.registrations = registrations;
	rememberOwnUrl(state, url);
	delete state.generatedSecret;

	const report: ActivationReport = {
		wired: plan.targets.map(({ channel, events: channelEvents }) => ({
			id: channel.id,
			name: channel.name ?? undefined,
			events: channelEvents,
		})),
		left: plan.left,
	};
	const tookOver = plan.targets
		.filter(({ channel }) => taken.has(channel.id))
		.map(({ channel }) => ({
			id: channel.id,
			name: channel.name ?? undefined,
			previousUrl: taken.get(channel.id)!.url ?? '',
		}));
	if (tookOver.length) report.tookOver = tookOver;
	state.lastActivation = { ...state.lastActivation, [url]: report };
	context.logger.info(
		`Fiwano Trigger wired ${report.wired.length} channel(s), left ${report.left.length}`,
		{ wired: report.wired.map(({ id }) => id), left: report.left },
	);
	if (tookOver.length) {
		context.logger.info(
			'Fiwano Trigger took over channels from another URL: deactivation gives back their URL and events, not their secret (Fiwano never returns it)',
			{ tookOver },
		);
	}
	if (stuck.length) {
		context.logger.warn(
			'Fiwano Trigger could not give back channels still pointing at an old URL of this trigger; the next activation tries again',
			{ channels: stuck.map(({ channel }) => ({ id: channel.id, url: channel.webhook_url })) },
		);
	}
	return true;
}

export async function deleteWebhook(context: IHookFunctions): Promise<boolean> {
	if (!isAutomatic(setupMode(context))) return true;
	return await giveBackOnDelete(context, webhookUrl(context));
}
