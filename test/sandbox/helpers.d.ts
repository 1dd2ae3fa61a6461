// Types for helpers.js (sandbox test helpers).

/** Loosely typed JSON for assertions (tests compare it with jest matchers). */
export interface J {
	[key: string]: J;
}

export type Headers = Record<string, string | string[] | undefined>;

export interface HttpResult {
	status: number;
	headers: Headers;
	raw: Buffer;
	json: J;
}

export function arr(j: J): J[];

export function request(
	base: string,
	method: string,
	path: string,
	options?: {
		body?: unknown;
		rawBody?: string;
		key?: string | null;
		headers?: Record<string, string>;
	},
): Promise<HttpResult>;

export interface Client {
	get(path: string): Promise<HttpResult>;
	del(path: string): Promise<HttpResult>;
	post(path: string, body?: unknown): Promise<HttpResult>;
	patch(path: string, body?: unknown): Promise<HttpResult>;
	put(path: string, body?: unknown): Promise<HttpResult>;
	/** GET /_sandbox<path> without a body, POST with one. */
	control(path: string, body?: unknown): Promise<HttpResult>;
}

export function client(base: string, key: string | null): Client;

export interface Received {
	path: string;
	headers: Headers;
	raw: Buffer;
	json: J;
}

export interface Receiver {
	url: string;
	received: Received[];
	waitFor(count: number, timeoutMs?: number): Promise<Received[]>;
	close(): Promise<void>;
}

export function startReceiver(respond?: (n: number, r: Received) => number): Promise<Receiver>;

export function startCli(args: string[]): Promise<{
	info: { url: string; api_key: string; channels: Record<string, string> };
	stop(): Promise<void>;
}>;

export function runScript(
	script: string,
	args: string[],
): Promise<{ code: number | null; stdout: string; stderr: string }>;

/** Calls `fn` with the given environment variables set (undefined deletes), then restores them. */
export function withEnv<T>(vars: Record<string, string | undefined>, fn: () => T): T;

export function sleep(ms: number): Promise<void>;
