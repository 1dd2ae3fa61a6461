import type { IHookFunctions, IWebhookFunctions } from 'n8n-workflow';

/** What automatic setup wired for one webhook URL (production and test URL are separate). */
export interface Registration {
	channels: string[];
}

export interface ActivationReport {
	wired: Array<{ id: string; name?: string; events: string[] }>;
	left: Array<{ id: string; name?: string; reason: string }>;
}

/** The node's static data: kept by n8n with the workflow, never shown in outputs. */
export interface TriggerState {
	generatedSecret?: string;
	registrations?: Record<string, Registration>;
	lastActivation?: Record<string, ActivationReport>;
}

export function triggerState(context: IHookFunctions | IWebhookFunctions): TriggerState {
	return context.getWorkflowStaticData('node') as TriggerState;
}
