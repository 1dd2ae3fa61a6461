// Types for the plain-JavaScript sandbox (server.js), used by the TypeScript tests and e2e scripts.

export interface SandboxOptions {
	apiKey?: string;
	extraApiKeys?: string[];
	/** Per API key; a spec like "100/60s", "600/1m", "20/1s" works too. Default: FIWANO_SANDBOX_RATE_LIMIT or 100/60s. */
	rateLimit?: string | { limit?: number; windowMs?: number };
	/**
	 * Per-channel pacing of accepted sends (429, or 503 with `status: 503`, plus Retry-After). Off by default
	 * (unless FIWANO_SANDBOX_SEND_PACING); `true` = 10 per second.
	 */
	sendPacing?: boolean | string | { limit?: number; windowMs?: number; status?: 429 | 503 };
	/** 'local' (default; http on loopback allowed) or 'production' (HTTPS only, loopback refused). */
	webhookUrlRules?: 'local' | 'production';
	statusDelaysMs?: number | { sent?: number; delivered?: number; read?: number };
	autoStatus?: boolean;
	webhook?: { timeoutMs?: number; retries?: number; backoffMs?: number | number[] };
	allowExternalWebhooks?: boolean;
	mediaTtlMs?: number;
	setupUrlTtlMs?: number;
	codeTtlMs?: number;
	queuedRetryMs?: number;
	templateReviewMs?: number;
	webhookUrl?: string;
	webhookEvents?: string[];
	webhookSecret?: string;
	publicBaseUrl?: string;
	logger?: ((line: string) => void) | null;
	now?: () => number;
}

export interface SandboxIds {
	account: string;
	whatsapp: string;
	instagram: string;
	facebook: string;
	whatsappInactive: string;
	redirect: string;
	subscriptions: { pro: string; trial: string; starter: string; expired: string; spare: string };
	templates: {
		orderConfirmation: string;
		welcomeMessage: string;
		helloWorld: string;
		pendingPromo: string;
		rejected: string;
	};
	users: { whatsapp: string; instagram: string; facebook: string; instagramPrivate: string };
}

export interface WebhookPayload {
	event: string;
	channel_id: string;
	channel_type: string;
	timestamp: string;
	data: Record<string, unknown>;
}

export interface DeliveryAttempt {
	delivery_id: string;
	attempt: number;
	event: string;
	channel_id: string;
	url: string;
	status: number | null;
	ok: boolean;
	error: string | null;
	duration_ms: number;
	at: string;
	signature: string | null;
	payload: WebhookPayload;
}

export interface DeliveryResult {
	delivered: boolean;
	skipped?: string;
	delivery_id?: string;
	event: string;
	channel_id: string;
	attempts: DeliveryAttempt[];
	retrying?: boolean;
}

export interface SandboxChannel {
	id: string;
	channel_type: string;
	is_active: boolean;
	webhook_url: string | null;
	webhook_secret: string | null;
	webhook_events: string[];
	echo_statuses: boolean;
	/** The subscription record holding this channel's slot (shared with other channels on it), or null once released. */
	subscription: SandboxSubscription | null;
	[key: string]: unknown;
}

export interface SandboxSubscription {
	id: string;
	account: string;
	status: string;
	source: string | null;
	tier: string | null;
	expires_at: string | null;
	auto_renew: boolean;
}

export interface SandboxState {
	apiKey: string;
	channels: Map<string, SandboxChannel>;
	subscriptions: Map<string, SandboxSubscription>;
	messages: Array<Record<string, unknown>>;
	echoes: Array<Record<string, unknown>>;
	deliveries: DeliveryAttempt[];
	/** `client` is the request's X-Fiwano-Client header (null when absent). */
	requests: Array<{
		at: string;
		method: string;
		path: string;
		status: number;
		duration_ms: number;
		client: string | null;
	}>;
	events: WebhookPayload[];
	[key: string]: unknown;
}

export interface InboundMedia {
	kind?: string;
	mime_type?: string;
	filename?: string | null;
	base64?: string;
	duration_ms?: number;
}

export interface InboundInput {
	channel_id: string;
	from: string;
	message_id?: string;
	text?: string;
	from_name?: string | null;
	caption?: string;
	unsupported_type?: string;
	/** An array is an album: one message.received per attachment, ids suffixed `.2`, `.3`…; caption on the first. */
	media?: InboundMedia | InboundMedia[];
	/** Album of `album` copies of `media`. */
	album?: number;
	wait?: 'first' | 'all' | 'none';
}

export interface EchoInput {
	channel_id: string;
	/** Default: the seeded test user of the channel type. */
	recipient?: string;
	text?: string;
	caption?: string;
	media?: { kind?: string };
	type?: 'unsupported';
	message_id?: string;
	wait?: 'first' | 'all' | 'none';
}

export interface Sandbox {
	readonly ids: SandboxIds;
	readonly eventsByType: Record<string, string[]>;
	readonly apiKey: string;
	readonly state: SandboxState;
	readonly url: string | null;
	start(port?: number): Promise<{ url: string; port: number }>;
	stop(): Promise<void>;
	reset(): void;
	whenIdle(timeoutMs?: number): Promise<boolean>;
	advanceClock(ms: number): void;
	setFaults(faults: Record<string, unknown>): Record<string, unknown>;
	/** Albums also resolve `events` and `deliveries`, one per attachment. */
	inbound(input: InboundInput): Promise<{
		event: WebhookPayload;
		delivery: DeliveryResult;
		events?: WebhookPayload[];
		deliveries?: DeliveryResult[];
	}>;
	echo(input: EchoInput): Promise<{ event: WebhookPayload; delivery: DeliveryResult }>;
	status(input: {
		channel_id: string;
		message_id: string;
		status: string;
		recipient?: string;
		error?: string;
		error_code?: number;
		wait?: 'first' | 'all' | 'none';
	}): Promise<{ event: WebhookPayload; delivery: DeliveryResult }>;
	sign(body: Buffer | string, secret: string): string;
}

export function createSandbox(options?: SandboxOptions): Sandbox;
export const IDS: SandboxIds;
export const DEFAULT_API_KEY: string;
export const EVENTS_BY_TYPE: Record<string, string[]>;
export function sign(body: Buffer | string, secret: string): string;
