import { NodeOperationError } from 'n8n-workflow';
import type { IDataObject, IHookFunctions } from 'n8n-workflow';

import { channelLabel, EVENTS_BY_CHANNEL_TYPE } from '../../shared/channels';
import { apiBaseUrl, CREDENTIAL_TYPE, fiwanoApiRequest } from '../../shared/transport';
import { secretTooLongMessage, webhookUrlProblem } from '../../shared/webhookRules';
import { currentSecret, isAutomatic } from './secrets';
import type { ActivationReport } from './state';
import { triggerState } from './state';

export interface Channel {
	id: string;
	channel_type: string;
	name?: string | null;
	is_active: boolean;
	webhook_url?: string | null;
	webhook_events?: string[] | null;
}

export { EVENTS_BY_CHANNEL_TYPE };

export function eventsForChannel(channelType: string, selected: readonly string[]): string[] {
	const valid = EVENTS_BY_CHANNEL_TYPE[channelType] ?? [];
	return valid.filter((event) => selected.includes(event));
}

function webhookUrl(context: IHookFunctions): string {
	return context.getNodeWebhookUrl('default') as string;
}

function setupMode(context: IHookFunctions): string {
	return context.getNodeParameter('webhookSetup', 'manual') as string;
}

function selectedEvents(context: IHookFunctions): string[] {
	return context.getNodeParameter('events', []) as string[];
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

async function listChannels(context: IHookFunctions): Promise<Channel[]> {
	const { channels } = await fiwanoApiRequest.call<
		IHookFunctions,
		Parameters<typeof fiwanoApiRequest>,
		Promise<{ channels: Channel[] }>
	>(context, 'GET', '/channels');
	return channels ?? [];
}

async function patchChannel(context: IHookFunctions, id: string, body: IDataObject): Promise<void> {
	await fiwanoApiRequest.call(context, 'PATCH', `/channels/${encodeURIComponent(id)}`, { body });
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

export async function checkWebhook(context: IHookFunctions): Promise<boolean> {
	if (!isAutomatic(setupMode(context))) return await manualReady(context);
	const url = webhookUrl(context);
	const registration = triggerState(context).registrations?.[url];
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

interface Plan {
	targets: Array<{ channel: Channel; events: string[] }>;
	left: ActivationReport['left'];
}

function planSelected(context: IHookFunctions, channels: Channel[], events: string[]): Plan {
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

function planAll(
	context: IHookFunctions,
	channels: Channel[],
	events: string[],
	url: string,
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
		} else if (channel.webhook_url && channel.webhook_url !== url && !takeOver) {
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

/** Puts the channels that were changed back as they were, newest first. Returns the failures. */
async function rollBack(context: IHookFunctions, wired: Channel[]): Promise<string[]> {
	const failed: string[] = [];
	for (const channel of [...wired].reverse()) {
		try {
			await patchChannel(context, channel.id, {
				webhook_url: channel.webhook_url ?? null,
				webhook_events: channel.webhook_events ?? [],
			});
		} catch {
			failed.push(`${channelLabel(channel)} (${channel.id})`);
		}
	}
	return failed;
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
					"Enter the channel's webhook secret in the node's Webhook Secret field or in the credential, or turn on Allow Unsigned Deliveries (not recommended).",
			},
		);
	}
	const url = webhookUrl(context);
	await checkPlatformRules(context, url);
	const events = selectedEvents(context);
	const channels = await listChannels(context);
	const plan =
		mode === 'selectedChannels'
			? planSelected(context, channels, events)
			: planAll(context, channels, events, url);
	const secret = await currentSecret(context, true);

	const wired: Channel[] = [];
	for (const { channel, events: channelEvents } of plan.targets) {
		try {
			await patchChannel(context, channel.id, {
				webhook_url: url,
				webhook_events: channelEvents,
				webhook_secret: secret,
			});
			wired.push(channel);
		} catch (error) {
			const notRestored = await rollBack(context, wired);
			const restored = wired.length
				? notRestored.length
					? ` Could not restore ${notRestored.join(', ')}: check them in the Fiwano portal.`
					: ` The ${wired.length} channel(s) already changed were restored.`
				: '';
			throw new NodeOperationError(
				context.getNode(),
				`Could not wire channel ${channelLabel(channel)} (${channel.id}) to this trigger: ${(error as Error).message}`,
				{
					description: `${(error as { description?: string }).description ?? ''}${restored}`.trim(),
				},
			);
		}
	}

	const state = triggerState(context);
	state.registrations = { ...state.registrations, [url]: { channels: wired.map(({ id }) => id) } };
	const report: ActivationReport = {
		wired: plan.targets.map(({ channel, events: channelEvents }) => ({
			id: channel.id,
			name: channel.name ?? undefined,
			events: channelEvents,
		})),
		left: plan.left,
	};
	state.lastActivation = { ...state.lastActivation, [url]: report };
	context.logger.info(
		`Fiwano Trigger wired ${report.wired.length} channel(s), left ${report.left.length}`,
		{ wired: report.wired.map(({ id }) => id), left: report.left },
	);
	return true;
}

export async function deleteWebhook(context: IHookFunctions): Promise<boolean> {
	if (!isAutomatic(setupMode(context))) return true;
	const url = webhookUrl(context);
	const state = triggerState(context);
	const registration = state.registrations?.[url];
	if (!registration) return true;
	const channels = new Map((await listChannels(context)).map((channel) => [channel.id, channel]));
	const failed: string[] = [];
	const errors: string[] = [];
	for (const id of registration.channels) {
		const channel = channels.get(id);
		// Someone rewired it since: it is not ours to clear any more.
		if (channel?.webhook_url !== url) continue;
		try {
			await patchChannel(context, id, { webhook_url: null, webhook_events: [] });
		} catch (error) {
			failed.push(id);
			errors.push(`${channelLabel(channel)} (${id}): ${(error as Error).message}`);
		}
	}
	if (failed.length) {
		// Keep them registered so the next deactivation tries again.
		registration.channels = failed;
		throw new NodeOperationError(
			context.getNode(),
			`Could not clear the webhook of ${errors.join('; ')}`,
			{
				description:
					'The channel(s) still point at this trigger. Clear them in the Fiwano portal or deactivate again.',
			},
		);
	}
	delete state.registrations![url];
	if (state.lastActivation) delete state.lastActivation[url];
	return true;
}
