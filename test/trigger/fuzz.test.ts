import { signBody } from '../helpers/sign';
import { receivedText, TriggerHarness } from '../helpers/trigger-harness';

/** Deterministic PRNG (mulberry32) so a failure can be replayed. */
function prng(seed: number) {
	let state = seed >>> 0;
	const next = () => {
		state = (state + 0x6d2b79f5) >>> 0;
		let t = state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
	const int = (max: number) => Math.floor(next() * max);
	const pick = <T>(values: readonly T[]): T => values[int(values.length)];
	const bytes = (length: number) => Buffer.from(Array.from({ length }, () => int(256)));
	const hex = (length: number) => Array.from({ length }, () => '0123456789abcdef'[int(16)]).join('');
	return { int, pick, bytes, hex };
}

const signing = ['fuzz', 'signing', 'value'].join('-');
const otherValues = ['', ' ', 'fuzz-signing-valu', 'fuzz-signing-value ', 'FUZZ-SIGNING-VALUE', 'x'];

interface Case {
	kind: string;
	raw: Buffer;
	header?: string;
	/** A correctly signed but malformed body: 400 instead of 401. */
	signedMalformed?: boolean;
}

function generate(count: number, seed: number): Case[] {
	const r = prng(seed);
	const valid = () => Buffer.from(JSON.stringify(receivedText({}, { text: r.hex(r.int(40)) })));
	const cases: Case[] = [];
	const generators: Array<() => Case> = [
		// Garbage body, garbage header.
		() => ({ kind: 'random bytes', raw: r.bytes(r.int(300)), header: r.pick([undefined, r.hex(r.int(80)), `sha256=${r.hex(64)}`]) }),
		// A real event signed with a near-miss secret.
		() => {
			const raw = valid();
			return { kind: 'wrong secret', raw, header: signBody(r.pick(otherValues) || 'y', raw) };
		},
		// A real signature, then the body is tampered with.
		() => {
			const raw = valid();
			const header = signBody(signing, raw);
			const tampered = Buffer.from(raw);
			const mode = r.int(4);
			if (mode === 0) tampered[r.int(tampered.length)] ^= 1 << r.int(8);
			if (mode === 1) return { kind: 'truncated body', raw: tampered.subarray(0, r.int(tampered.length)), header };
			if (mode === 2) return { kind: 'appended body', raw: Buffer.concat([tampered, r.bytes(1 + r.int(4))]), header };
			if (mode === 3) return { kind: 'other event, replayed header', raw: valid(), header };
			return { kind: 'flipped bit', raw: tampered, header };
		},
		// Malformed signature headers on a real event.
		() => {
			const raw = valid();
			const good = signBody(signing, raw);
			const headers = [
				undefined,
				'',
				good.slice(7),
				`SHA256=${good.slice(7)}`,
				`sha256:${good.slice(7)}`,
				`sha1=${good.slice(7, 47)}`,
				good.slice(0, 7 + r.int(64)),
				`${good}${r.hex(1 + r.int(3))}`,
				`sha256=${r.hex(64)}`,
				`sha256=${r.hex(r.int(130))}`,
				`${good},${good}`,
				`sha256=${good.slice(7).replace(/[0-9a-f]/, 'g')}`,
				`sha256=${'0'.repeat(64)}`,
				`sha256= ${good.slice(8)}`,
			];
			return { kind: 'malformed header', raw, header: r.pick(headers) };
		},
		// Correctly signed, but not an event: must be 400 and start nothing.
		() => {
			const bodies = [
				'',
				'null',
				'[]',
				'{}',
				'"text"',
				'{"event":"message.received"}',
				'{"event":"message.received","channel_id":"c"}',
				'{"event":"message.received","channel_id":"c","data":null}',
				'{"event":1,"channel_id":"c","data":{}}',
				'{"event":"message.received","channel_id":"","data":{}}',
				`{"event":"message.received","channel_id":"c","data":{${r.hex(5)}`,
				r.bytes(r.int(64)).toString('latin1'),
			];
			const raw = Buffer.from(r.pick(bodies), 'utf8');
			let signedMalformed = true;
			try {
				const value = JSON.parse(raw.toString('utf8'));
				signedMalformed = !(value && typeof value.event === 'string' && value.event && typeof value.channel_id === 'string' && value.channel_id && value.data && typeof value.data === 'object' && !Array.isArray(value.data));
			} catch {
				signedMalformed = true;
			}
			return { kind: 'signed malformed body', raw, header: signBody(signing, raw), signedMalformed };
		},
	];
	while (cases.length < count) cases.push(generators[cases.length % generators.length]());
	return cases;
}

describe('fuzz: malformed and forged requests', () => {
	const cases = generate(1500, 20261121);

	it(`none of ${cases.length} generated requests starts an execution or leaks the expected value`, async () => {
		expect(cases.length).toBeGreaterThanOrEqual(1000);
		const harness = new TriggerHarness({ events: ['message.received'], secret: signing });
		const statuses: Record<string, number> = {};
		for (const fuzzCase of cases) {
			const delivery = await harness.send({
				raw: fuzzCase.raw,
				headers: fuzzCase.header === undefined ? {} : { 'x-webhook-signature': fuzzCase.header },
			});
			const label = `${fuzzCase.kind} ${JSON.stringify(fuzzCase.header)} ${fuzzCase.raw.toString('base64')}`;
			if (delivery.started) throw new Error(`Started an execution: ${label}`);
			const expected = fuzzCase.signedMalformed ? 400 : 401;
			if (delivery.response.statusCode !== expected) {
				throw new Error(`Answered ${delivery.response.statusCode}, expected ${expected}: ${label}`);
			}
			const expectedDigest = signBody(signing, fuzzCase.raw).slice(7);
			expect(delivery.response.body).not.toContain(expectedDigest);
			expect(delivery.response.body).not.toContain(signing);
			statuses[delivery.response.statusCode] = (statuses[delivery.response.statusCode] ?? 0) + 1;
		}
		// Both kinds of refusal were exercised.
		expect(statuses[401]).toBeGreaterThan(900);
		expect(statuses[400]).toBeGreaterThan(100);
	});

	it('the same harness still accepts a genuine delivery afterwards', async () => {
		const harness = new TriggerHarness({ events: ['message.received'], secret: signing });
		expect((await harness.sendSigned(receivedText(), signing)).started).toBe(true);
	});
});
