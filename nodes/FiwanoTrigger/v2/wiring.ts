import { sleep } from 'n8n-workflow';
import type { IDataObject, IHookFunctions } from 'n8n-workflow';

import { fiwanoApiRequest } from '../../shared/transport';
import type { PreviousWebhook, TriggerState } from './state';

export interface Channel {
	id: string;
	channel_type: string;
	name?: string | null;
	is_active: boolean;
	webhook_url?: string | null;
	webhook_events?: string[] | null;
}

/** Waits between tries of a PATCH that gives a channel back (network errors and 5xx only). */
export const GIVE_BACK_RETRY_DELAYS_MS: readonly number[] = [300, 1500];

/** How many registered webhook URLs the trigger remembers (to reclaim channels left on them). */
const OWN_URLS_KEPT = 10;

export async function listChannels(context: IHookFunctions): Promise<Channel[]> {
	const { channels } = await fiwanoApiRequest.call<
		IHookFunctions,
		Parameters<typeof fiwanoApiRequest>,
		Promise<{ channels: Channel[] }>
	>(context, 'GET', '/channels');
	return channels ?? [];
}

export async function patchChannel(
	context: IHookFunctions,
	id: string,
	body: IDataObject,
): Promise<void> {
	await fiwanoApiRequest.call(context, 'PATCH', `/channels/${encodeURIComponent(id)}`, { body });
}

function worthRetrying(error: unknown): boolean {
	const code = Number((error as { httpCode?: string }).httpCode);
	// No HTTP status: the request never got an answer (network). 429/503 are already retried
	// by the transport; other 4xx will not change by asking again.
	return !Number.isFinite(code) || code >= 500;
}

/**
 * PATCH with a few quick retries, for deactivation and rollback: n8n 2.41 runs deactivation
 * after the unpublish call has returned and abandons a webhook whose deregistration keeps
 * failing, so a transient error here would leave a channel pointing at a dead URL.
 */
export async function patchWithRetry(
	context: IHookFunctions,
	id: string,
	body: IDataObject,
): Promise<void> {
	for (let attempt = 0; ; attempt++) {
		const failure = await patchChannel(context, id, body).then(
			() => undefined,
			(error: unknown) => error ?? new Error('PATCH failed'),
		);
		if (failure === undefined) return;
		if (attempt >= GIVE_BACK_RETRY_DELAYS_MS.length || !worthRetrying(failure)) throw failure;
		await sleep(GIVE_BACK_RETRY_DELAYS_MS[attempt]);
	}
}

/** What a channel of ours gets on deactivation: its old webhook if it was taken, else none. */
export function giveBackBody(state: TriggerState, channelId: string): IDataObject {
	const previous: PreviousWebhook | undefined = state.takenOver?.[channelId];
	return previous
		? { webhook_url: previous.url, webhook_events: previous.events }
		: { webhook_url: null, webhook_events: [] };
}

/** Records the URL as one this trigger registered (bounded, newest last). */
export function rememberOwnUrl(state: TriggerState, url: string): void {
	const urls = (state.ownUrls ?? []).filter((known) => known !== url);
	state.ownUrls = [...urls, url].slice(-OWN_URLS_KEPT);
}

const isTestUrl = (url: string) => url.includes('/webhook-test/');

/**
 * URLs of this trigger other than `current` whose channels the activation of `current` may
 * reclaim: a production activation never touches the editor's test URL (a test may be
 * listening) and a test activation never touches production.
 */
export function oldOwnUrls(state: TriggerState, current: string): Set<string> {
	const known = [...(state.ownUrls ?? []), ...Object.keys(state.registrations ?? {})];
	return new Set(known.filter((url) => url !== current && isTestUrl(url) === isTestUrl(current)));
}
