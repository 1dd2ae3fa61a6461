import { createHash } from 'crypto';

import type { FiwanoEvent } from './payload';

export const DEDUP_TTL_MS = 10 * 60 * 1000;
export const DEDUP_MAX_KEYS = 10_000;

/**
 * Remembers recently seen deliveries for a fixed time, with a hard cap on entries.
 * A Map keeps insertion order and every entry lives equally long, so the oldest entries
 * (expired or not) are always at the front: eviction is O(1) per insert.
 */
export class DedupCache {
	private readonly seenAt = new Map<string, number>();

	constructor(
		private readonly ttlMs = DEDUP_TTL_MS,
		private readonly maxKeys = DEDUP_MAX_KEYS,
	) {}

	get size(): number {
		return this.seenAt.size;
	}

	/** Forgets everything (what a restarted or another process starts with). */
	clear(): void {
		this.seenAt.clear();
	}

	/** True when the key was seen within the TTL; otherwise records it and returns false. */
	isDuplicate(key: string, now = Date.now()): boolean {
		this.evict(now);
		const at = this.seenAt.get(key);
		if (at !== undefined && now - at < this.ttlMs) return true;
		this.seenAt.delete(key);
		this.seenAt.set(key, now);
		if (this.seenAt.size > this.maxKeys) {
			const oldest = this.seenAt.keys().next().value;
			if (oldest !== undefined) this.seenAt.delete(oldest);
		}
		return false;
	}

	private evict(now: number): void {
		for (const [key, at] of this.seenAt) {
			if (now - at < this.ttlMs) break;
			this.seenAt.delete(key);
		}
	}
}

/**
 * Identity of a delivery: trigger, event type, channel, message id and status. Retries of
 * the same event share it; a delivered and a read status of one message do not. Echoes are
 * keyed by their own `data.message_id` (a Fiwano UUID, stable across redeliveries); each
 * part of an album (ids suffixed `.2`, `.3`...) is an event of its own.
 * Undefined when the event has no message id (nothing reliable to compare).
 */
export function dedupKey(scope: string, event: FiwanoEvent): string | undefined {
	const messageId = event.data.message_id;
	if (typeof messageId !== 'string' && typeof messageId !== 'number') return undefined;
	const status = typeof event.data.status === 'string' ? event.data.status : '';
	// Hashing bounds the memory per key whatever the ids' length.
	return createHash('sha1')
		.update([scope, event.event, event.channel_id, String(messageId), status].join('\u0000'))
		.digest('base64');
}

/** One cache per process, shared by every Fiwano Trigger; keys carry the workflow and node. */
export const deliveries = new DedupCache();

/** How long and how many delivery keys the workflow's static data keeps for other processes. */
export const SHARED_TTL_SECONDS = 10 * 60;
export const SHARED_MAX_KEYS = 1000;

/** Static-data form of a key: 16 base64 characters (96 bits) keep the stored JSON small. */
const sharedKey = (key: string) => key.slice(0, 16);

/**
 * Delivery keys shared by every n8n process that serves this workflow. n8n's webhook handler
 * (main process, or each `n8n webhook` process in queue mode) reads the workflow's static data
 * from the database on every request and saves it after the node answered when it changed, so
 * a key written here by process A is seen by process B on the next delivery.
 *
 * Bounded: keys older than 10 minutes are dropped and at most 1,000 are kept (about 30 KB), the
 * oldest dropped first. Written only for a delivery that starts an execution: a duplicate, an
 * ignored or a refused delivery leaves static data unchanged, so n8n writes nothing for it.
 * Not a lock: two copies of one delivery that reach two processes at the same moment (before
 * either saved) can both start; Fiwano redelivers after a failure or a 5 s timeout, not at once.
 */
export function seenByAnyProcess(
	store: Record<string, number> | undefined,
	key: string,
	nowSeconds: number,
): boolean {
	const at = store?.[sharedKey(key)];
	return typeof at === 'number' && nowSeconds - at < SHARED_TTL_SECONDS;
}

/** Records the key, dropping expired ones and the oldest beyond the cap. Returns the new store. */
export function recordShared(
	store: Record<string, number> | undefined,
	key: string,
	nowSeconds: number,
): Record<string, number> {
	// One pass, no sort: keep live keys, and when full leave out the single oldest.
	const live: Record<string, number> = {};
	let count = 0;
	let oldest: string | undefined;
	for (const [stored, at] of Object.entries(store ?? {})) {
		if (typeof at !== 'number' || nowSeconds - at >= SHARED_TTL_SECONDS) continue;
		live[stored] = at;
		count++;
		if (oldest === undefined || at < live[oldest]) oldest = stored;
	}
	if (count >= SHARED_MAX_KEYS && oldest !== undefined) delete live[oldest];
	live[sharedKey(key)] = nowSeconds;
	return live;
}
