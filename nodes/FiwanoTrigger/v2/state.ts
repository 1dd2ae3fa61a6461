import type { IHookFunctions, IWebhookFunctions } from 'n8n-workflow';

/** What automatic setup wired for one webhook URL (production and test URL are separate). */
export interface Registration {
	channels: string[];
}

/** A channel's webhook before this trigger took it over. Not its secret: the API never returns it. */
export interface PreviousWebhook {
	url: string | null;
	events: string[];
}

export interface ActivationReport {
	wired: Array<{ id: string; name?: string; events: string[] }>;
	left: Array<{ id: string; name?: string; reason: string }>;
	/** Channels taken from another URL; deactivation gives URL and events back, not the secret. */
	tookOver?: Array<{ id: string; name?: string; previousUrl: string }>;
}

/**
 * The node's static data: kept by n8n with the workflow (and, on n8n 1.x, copied into every
 * execution record), never shown in outputs. So it holds nothing secret: URLs, event lists,
 * channel IDs and hashed delivery keys only.
 */
export interface TriggerState {
	/** Legacy (2.0.0 before derived secrets): a random secret. Deleted on the next activation. */
	generatedSecret?: string;
	registrations?: Record<string, Registration>;
	lastActivation?: Record<string, ActivationReport>;
	/** Channel ID → its webhook before this trigger took it over, until it is given back. */
	takenOver?: Record<string, PreviousWebhook>;
	/** Webhook URLs this trigger registered (newest last), to reclaim channels left on an old one. */
	ownUrls?: string[];
	/** Recent delivery keys → epoch seconds, shared by every n8n process (see dedup.ts). */
	recentDeliveries?: Record<string, number>;
}

export function triggerState(context: IHookFunctions | IWebhookFunctions): TriggerState {
	return context.getWorkflowStaticData('node') as TriggerState;
}
