#!/usr/bin/env node
/*
 * Per-event cost of what the Fiwano Trigger does before answering: signature verification
 * (HMAC-SHA256 + constant-time compare), JSON parse + shape check, filters, and the
 * duplicate check, for a 1 KB event. Not a test: it only prints numbers.
 *
 *   npx n8n-node build && node scripts/bench-trigger.js [iterations]
 */
'use strict';

const path = require('path');

const dist = path.join(__dirname, '..', 'dist', 'nodes');
let modules;
try {
	modules = {
		signature: require(path.join(dist, 'shared', 'signature.js')),
		payload: require(path.join(dist, 'FiwanoTrigger', 'v2', 'payload.js')),
		filters: require(path.join(dist, 'FiwanoTrigger', 'v2', 'filters.js')),
		dedup: require(path.join(dist, 'FiwanoTrigger', 'v2', 'dedup.js')),
		derived: require(path.join(dist, 'shared', 'derivedSecret.js')),
	};
} catch (error) {
	console.error(`Build first (npx n8n-node build): ${error.message}`);
	process.exit(1);
}
const { checkSignature } = modules.signature;
// Signs as Fiwano does (the package ships no signing code).
const signBody = (key, body) => `sha256=${require('crypto').createHmac('sha256', key).update(body).digest('hex')}`;
const { parseEvent } = modules.payload;
const { buildFilters, filterReason } = modules.filters;
const { DedupCache, dedupKey, recordShared, seenByAnyProcess, SHARED_MAX_KEYS } = modules.dedup;

const iterations = Number(process.argv[2]) || 100000;
const secret = require('crypto').randomBytes(32).toString('hex');

// A WhatsApp text message padded to 1 KB, as Fiwano would send it.
const event = {
	event: 'message.received',
	channel_id: 'a1b2c3d4e5f67890',
	channel_type: 'whatsapp',
	timestamp: '2025-01-15T10:30:00Z',
	data: { message_id: 'wamid.HBgLMTIzNDU2Nzg5MBUCABIYFjNFQjBDNkE2', from: '1234567890', from_name: 'John Doe', type: 'text', text: '' },
};
const base = Buffer.byteLength(JSON.stringify(event));
event.data.text = 'x'.repeat(1024 - base);
const raw = Buffer.from(JSON.stringify(event));
const header = signBody(secret, raw);
const filters = buildFilters(['message.received'], {
	channels: ['a1b2c3d4e5f67890', 'b2c3d4e5f6789012'],
	channelTypes: ['whatsapp', 'instagram'],
	messageTypes: ['text', 'voice'],
});

function verifyAndFilter() {
	if (checkSignature(raw, header, [secret]) !== 'valid') throw new Error('signature');
	const parsed = parseEvent(raw);
	if (!parsed || filterReason(parsed, filters) !== undefined) throw new Error('filter');
	return parsed;
}

function measure(label, fn, count = iterations) {
	for (let i = 0; i < Math.min(5000, count); i++) fn(i); // warm-up
	const start = process.hrtime.bigint();
	for (let i = 0; i < count; i++) fn(i);
	const micros = Number(process.hrtime.bigint() - start) / 1000 / count;
	console.log(`${label.padEnd(54)} ${micros.toFixed(2).padStart(7)} µs/event`);
	return micros;
}

console.log(`Fiwano Trigger, ${raw.length}-byte event, ${iterations} iterations, Node ${process.version}`);
measure('signature only', () => checkSignature(raw, header, [secret]));
const verifyFilter = measure('verify + parse + filter', verifyAndFilter);
console.log(`  target < 50 µs (0.05 ms) per 1 KB event: ${verifyFilter < 50 ? 'met' : 'MISSED'}`);
measure('derived secret (HMAC of the API key, per delivery)', () =>
	modules.derived.deriveWebhookSecret('mip_live_0123456789abcdef0123456789abcdef', 'wf123', 'node-uuid'),
);
measure('verify + filter, with previous secret set', () => {
	if (checkSignature(raw, header, [secret, 'previous']) !== 'valid') throw new Error('signature');
	return filterReason(parseEvent(raw), filters);
});
const cache = new DedupCache();
measure('verify + parse + filter + duplicate check', (i) => {
	const parsed = verifyAndFilter();
	parsed.data.message_id = `m${i}`;
	return cache.isDuplicate(dedupKey('workflow:node', parsed));
});
// The two answers the webhook gives a valid event: a duplicate (memory cache hit) and a new one
// (memory miss, shared-store check and record); the duplicate must be the cheaper.
const dupCache = new DedupCache();
const seen = verifyAndFilter();
dupCache.isDuplicate(dedupKey('workflow:node', seen));
let store;
for (let i = 0; i < SHARED_MAX_KEYS; i++) store = recordShared(store, `seed${i}-0123456789abcdef`, 1000);
const dup = measure('duplicate delivery: verify + filter + cache hit', () => {
	const parsed = verifyAndFilter();
	if (!dupCache.isDuplicate(dedupKey('workflow:node', parsed))) throw new Error('not a duplicate');
});
let next = 0;
const fresh = measure('new delivery: verify + filter + miss + shared record', () => {
	const parsed = verifyAndFilter();
	parsed.data.message_id = `new${next++}`;
	const key = dedupKey('workflow:node', parsed);
	if (dupCache.isDuplicate(key) || seenByAnyProcess(store, key, 1001)) throw new Error('duplicate');
	store = recordShared(store, key, 1001);
}, 2000);
console.log(`  duplicate path cheaper than a new delivery: ${dup < fresh ? 'yes' : 'NO'} (${(fresh / dup).toFixed(1)}x)`);
measure('forged signature (rejected)', () => checkSignature(raw, `sha256=${'0'.repeat(64)}`, [secret]));

// The cross-process store in static data (queue mode): the check, and the write a new delivery
// makes, with the store full (the worst case); n8n then saves static data once per new delivery.
let shared;
for (let i = 0; i < SHARED_MAX_KEYS; i++) shared = recordShared(shared, `seed${i}-0123456789abcdef`, 1000);
measure('shared store: duplicate check (full store)', (i) => seenByAnyProcess(shared, `k${i}`, 1001));
measure('shared store: record a new key (full store)', (i) => recordShared(shared, `n${i}-0123456789abcdef`, 1001), 2000);
console.log(`shared store at its cap: ${SHARED_MAX_KEYS} keys, ${JSON.stringify(shared).length} bytes of JSON saved per new delivery`);
