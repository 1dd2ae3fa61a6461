import { NodeOperationError } from 'n8n-workflow';
import type { IDataObject, IHookFunctions } from 'n8n-workflow';

import { fiwanoApiRequest } from '../../shared/transport';
import { assertReachableWebhookUrl } from './productionUrl';
import { autoSetupMode, optionalCredentials, resolveSecret } from './secret';

/**
 * Activation hooks of the published 1.3.0 trigger: Manual calls no API; Specific Channel
 * takes one channel over; All Active Channels wires every active channel that has no webhook
 * or already points here. Deactivation clears only the URL, only where it still points here.
 */

interface Channel extends IDataObject {
	id: string;
	is_active?: boolean;
	webhook_url?: string | null;
	webhook_events?: string[] | null;
}

const isOurs = (channel: Channel, url: string) => channel.webhook_url === url;
const isForeign = (channel: Channel, url: string) =>
	!!channel.webhook_url && channel.webhook_url !== url;
const hasEvents = (channel: Channel) =>
	Array.isArray(channel.webhook_events) && channel.webhook_events.length > 0;

const UNSIGNED_WARNING =
	"Fiwano Trigger accepts unsigned deliveries: neither the node nor its credential has a Webhook Secret, so anyone who knows the webhook URL can start this workflow. Enter a secret in the credential's Webhook Secret (or the node's) and the same secret in the channel settings of the Fiwano portal.";

function channelPath(id: string): string {
	return `/channels/${encodeURIComponent(id)}`;
}

function selectedEvents(context: IHookFunctions): string[] {
	return context.getNodeParameter('events', []) as string[];
}

function channelId(context: IHookFunctions): string {
	return String(context.getNodeParameter('channelId', '') ?? '').trim();
}

async function getChannel(context: IHookFunctions, id: string): Promise<Channel> {
	return (await fiwanoApiRequest.call(context, 'GET', channelPath(id))) as Channel;
}

async function listChannels(context: IHookFunctions): Promise<Channel[]> {
	const { channels } = (await fiwanoApiRequest.call(context, 'GET', '/channels')) as {
		channels?: Channel[];
	};
	return channels ?? [];
}

async function patchChannel(context: IHookFunctions, id: string, body: IDataObject) {
	await fiwanoApiRequest.call(context, 'PATCH', channelPath(id), { body });
}

/** The credential the automatic modes need, and the check of the URL they register. */
async function prepareAutoSetup(context: IHookFunctions, url: string): Promise<void> {
	const credentials = await optionalCredentials(context);
	if (!credentials) {
		throw new NodeOperationError(
			context.getNode(),
			'Webhook Auto-Setup needs a Fiwano API credential. Select one in Credential to connect with, or set Webhook Auto-Setup to Manual.',
		);
	}
	assertReachableWebhookUrl(context, url, credentials.baseUrl);
}

export async function checkWebhook(context: IHookFunctions): Promise<boolean> {
	const mode = autoSetupMode(context);
	if (mode === 'manual') {
		// Nothing to register. One warning per activation when nothing verifies deliveries.
		if ((await resolveSecret(context)).source === 'none') context.logger.warn(UNSIGNED_WARNING);
		return true;
	}
	try {
		const url = context.getNodeWebhookUrl('default');
		if (!url) return false;
		await prepareAutoSetup(context, url);
		// Fiwano does not tell which secret a channel has. A derived secret is re-registered on
		// every activation, so triggers wired by 1.x without a secret pick it up after upgrading.
		if ((await resolveSecret(context)).source === 'derived') return false;

		// With events selected, create() writes them, so "wired" also needs at least one event.
		const manageEvents = selectedEvents(context).length > 0;
		const wired = (channel: Channel) =>
			isOurs(channel, url) && (!manageEvents || hasEvents(channel));
		if (mode === 'channel') {
			const id = channelId(context);
			return id ? wired(await getChannel(context, id)) : false;
		}
		const active = (await listChannels(context)).filter((channel) => channel.is_active);
		const waiting = active.some((channel) => !isForeign(channel, url) && !wired(channel));
		return active.some(wired) && !waiting;
	} catch (error) {
		// create() runs next and reports the actionable error.
		context.logger.warn(
			`Fiwano Trigger could not check its webhook registration (${(error as Error).message}); setting it up again.`,
		);
		return false;
	}
}

export async function createWebhook(context: IHookFunctions): Promise<boolean> {
	const mode = autoSetupMode(context);
	if (mode === 'manual') return true;
	const url = context.getNodeWebhookUrl('default');
	if (!url) {
		throw new NodeOperationError(
			context.getNode(),
			'Could not work out the webhook URL to register. Save and publish the workflow, or set Webhook Auto-Setup to Manual.',
		);
	}
	await prepareAutoSetup(context, url);
	const { secret } = await resolveSecret(context);
	if (!secret) {
		throw new NodeOperationError(
			context.getNode(),
			"The Fiwano API credential has no API Key. Enter the key (it starts with mip_live_) in the credential's API Key field.",
		);
	}

	const events = selectedEvents(context);
	// An empty selection leaves each channel's events as they are (as 1.3.0 did).
	const body: IDataObject = {
		webhook_url: url,
		...(events.length ? { webhook_events: events } : {}),
		webhook_secret: secret,
	};

	if (mode === 'channel') {
		const id = channelId(context);
		if (!id) {
			throw new NodeOperationError(
				context.getNode(),
				'Channel ID is empty. Enter the ID of the channel to register this trigger on, or choose another Webhook Auto-Setup.',
			);
		}
		await patchChannel(context, id, body);
		return true;
	}

	const active = (await listChannels(context)).filter((channel) => channel.is_active);
	if (!active.length) {
		throw new NodeOperationError(
			context.getNode(),
			'No active Fiwano channel to register this trigger on. Connect a channel in the Fiwano portal, or set Webhook Auto-Setup to Manual.',
		);
	}
	let wired = 0;
	for (const channel of active) {
		if (isForeign(channel, url)) continue;
		await patchChannel(context, channel.id, body);
		wired += 1;
	}
	if (!wired) {
		throw new NodeOperationError(
			context.getNode(),
			'Every active channel already has a webhook pointing elsewhere, so nothing was registered. Clear those webhooks in the Fiwano portal, or use Webhook Auto-Setup "Specific Channel" to take one over.',
		);
	}
	return true;
}

export async function deleteWebhook(context: IHookFunctions): Promise<boolean> {
	const mode = autoSetupMode(context);
	if (mode === 'manual') return true;
	const url = context.getNodeWebhookUrl('default');
	// Without our URL there is no telling which channels are ours.
	if (!url) return true;
	try {
		if (mode === 'channel') {
			const id = channelId(context);
			if (id && isOurs(await getChannel(context, id), url)) {
				await patchChannel(context, id, { webhook_url: '' });
			}
			return true;
		}
		for (const channel of await listChannels(context)) {
			if (isOurs(channel, url)) await patchChannel(context, channel.id, { webhook_url: '' });
		}
		return true;
	} catch (error) {
		// Never block deactivation; a channel left pointing here fails its deliveries, so say so.
		context.logger.warn(
			`Fiwano Trigger could not clear its webhook from every channel (${(error as Error).message}). Clear it in the Fiwano portal or with the Fiwano node's Channel Update.`,
		);
		return false;
	}
}
