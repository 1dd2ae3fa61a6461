// Test helpers for the sandbox suites: a tiny HTTP client and a webhook receiver, both on 127.0.0.1.
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';

/** Loosely typed JSON for assertions (tests compare it with jest matchers). */
export interface J {
	[key: string]: J;
}

export const arr = (j: J): J[] => j as unknown as J[];

export interface HttpResult {
	status: number;
	headers: http.IncomingHttpHeaders;
	raw: Buffer;
	json: J;
}

export async function request(
	base: string,
	method: string,
	path: string,
	options: { body?: unknown; rawBody?: string; key?: string | null; headers?: Record<string, string> } = {},
): Promise<HttpResult> {
	const url = new URL(path, base);
	const payload =
		options.rawBody !== undefined
			? Buffer.from(options.rawBody)
			: options.body !== undefined
				? Buffer.from(JSON.stringify(options.body))
				: undefined;
	const headers: Record<string, string> = { ...(options.headers ?? {}) };
	if (payload) headers['Content-Type'] = 'application/json';
	if (options.key) headers['X-API-Key'] = options.key;
	return await new Promise<HttpResult>((resolve, reject) => {
		const req = http.request(url, { method, headers, agent: false }, (res) => {
			const chunks: Buffer[] = [];
			res.on('data', (c: Buffer) => chunks.push(c));
			res.on('end', () => {
				const raw = Buffer.concat(chunks);
				let json = {} as J;
				if (String(res.headers['content-type'] ?? '').includes('application/json') && raw.length) {
					json = JSON.parse(raw.toString('utf8')) as J;
				}
				resolve({ status: res.statusCode ?? 0, headers: res.headers, raw, json });
			});
		});
		req.on('error', reject);
		req.end(payload);
	});
}

/** Client bound to one sandbox and API key. */
export function client(base: string, key: string | null) {
	return {
		get: async (path: string) => await request(base, 'GET', path, { key }),
		del: async (path: string) => await request(base, 'DELETE', path, { key }),
		post: async (path: string, body?: unknown) => await request(base, 'POST', path, { key, body }),
		patch: async (path: string, body?: unknown) => await request(base, 'PATCH', path, { key, body }),
		put: async (path: string, body?: unknown) => await request(base, 'PUT', path, { key, body }),
		control: async (path: string, body?: unknown) =>
			await request(base, body === undefined ? 'GET' : 'POST', `/_sandbox${path}`, { body }),
	};
}

export interface Received {
	path: string;
	headers: http.IncomingHttpHeaders;
	raw: Buffer;
	json: J;
}

export interface Receiver {
	url: string;
	received: Received[];
	waitFor(count: number, timeoutMs?: number): Promise<Received[]>;
	close(): Promise<void>;
}

/** A webhook receiver on 127.0.0.1; `respond` picks the status code for each call (default 200). */
export async function startReceiver(respond?: (n: number, r: Received) => number): Promise<Receiver> {
	const received: Received[] = [];
	const server = http.createServer((req, res) => {
		const chunks: Buffer[] = [];
		req.on('data', (c: Buffer) => chunks.push(c));
		req.on('end', () => {
			const raw = Buffer.concat(chunks);
			const r: Received = { path: req.url ?? '/', headers: req.headers, raw, json: JSON.parse(raw.toString('utf8')) as J };
			received.push(r);
			const status = respond ? respond(received.length, r) : 200;
			res.writeHead(status, { 'Content-Type': 'text/plain' });
			res.end('ok');
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
	const { port } = server.address() as AddressInfo;
	return {
		url: `http://127.0.0.1:${port}/hook`,
		received,
		async waitFor(count: number, timeoutMs = 3000) {
			const until = Date.now() + timeoutMs;
			while (received.length < count && Date.now() < until) await sleep(10);
			return received;
		},
		async close() {
			await new Promise<void>((resolve) => {
				server.close(() => resolve());
				server.closeAllConnections();
			});
		},
	};
}
