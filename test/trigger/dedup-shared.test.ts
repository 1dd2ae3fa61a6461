import type { IDataObject } from 'n8n-workflow';

import {
	deliveries,
	recordShared,
	seenByAnyProcess,
	SHARED_MAX_KEYS,
	SHARED_TTL_SECONDS,
} from '../../nodes/FiwanoTrigger/v2/dedup';
import { receivedText, TriggerHarness } from '../helpers/trigger-harness';

const signing = ['shared', 'dedup', 'value'].join('-');
const NODE_KEY = 'node:Fiwano Trigger';
const params = { events: ['message.received'], secret: signing };

/** Another n8n process: empty memory, the workflow's static data as saved in the database. */
function otherProcess(saved: IDataObject, workflowId: string): TriggerHarness {
	deliveries.clear();
	return new TriggerHarness(params, undefined, {
		workflowId,
		staticData: JSON.parse(JSON.stringify(saved)) as IDataObject,
	});
}

const changed = (harness: TriggerHarness) =>
	(harness.workflow.staticData as IDataObject).__dataChanged === true;

describe('duplicate suppression across n8n processes (queue mode)', () => {
	it('the same delivery to process A then process B starts one execution', async () => {
		const a = new TriggerHarness(params, undefined, { workflowId: 'wf-queue' });
		const event = receivedText();
		expect((await a.sendSigned(event, signing)).started).toBe(true);
		expect(changed(a)).toBe(true); // n8n saves static data after this request

		const b = otherProcess(a.workflow.staticData, 'wf-queue');
		const again = await b.sendSigned(event, signing);
		expect(again.started).toBe(false);
		expect(again.response.json).toEqual({ received: true, duplicate: true });
		expect(changed(b)).toBe(false); // a duplicate costs no database write

		// A new message on B is recorded for A (and any other process) in turn.
		const next = receivedText();
		expect((await b.sendSigned(next, signing)).started).toBe(true);
		const backOnA = otherProcess(b.workflow.staticData, 'wf-queue');
		expect((await backOnA.sendSigned(next, signing)).started).toBe(false);
	});

	it('writes nothing for ignored or refused deliveries', async () => {
		const harness = new TriggerHarness({ ...params, options: { channelTypes: ['instagram'] } });
		const ignored = await harness.sendSigned(receivedText(), signing);
		expect(ignored.response.json).toMatchObject({ ignored: expect.any(String) });
		await harness.sendSigned(receivedText({ channel_type: 'instagram' }), 'wrong-value');
		expect(changed(harness)).toBe(false);
		expect(harness.staticData).toEqual({});
	});

	it('keeps only short hashed keys: no message id, sender or text in static data', async () => {
		const harness = new TriggerHarness(params);
		const event = receivedText();
		await harness.sendSigned(event, signing);
		const stored = JSON.stringify(harness.workflow.staticData);
		expect(stored).not.toContain(String((event.data as IDataObject).message_id));
		expect(stored).not.toContain('1234567890');
		const keys = Object.keys(
			(harness.workflow.staticData[NODE_KEY] as IDataObject).recentDeliveries as IDataObject,
		);
		expect(keys).toHaveLength(1);
		expect(keys[0]).toHaveLength(16);
	});
});

describe('shared key store', () => {
	it('forgets keys after 10 minutes', () => {
		const store = recordShared(undefined, 'key-one-0123456789', 1000);
		expect(seenByAnyProcess(store, 'key-one-0123456789', 1000 + SHARED_TTL_SECONDS - 1)).toBe(true);
		expect(seenByAnyProcess(store, 'key-one-0123456789', 1000 + SHARED_TTL_SECONDS)).toBe(false);
		const later = recordShared(store, 'key-two-0123456789', 1000 + SHARED_TTL_SECONDS);
		expect(Object.keys(later)).toEqual(['key-two-012345678'.slice(0, 16)]);
	});

	it(`never holds more than ${SHARED_MAX_KEYS} keys, dropping the oldest`, () => {
		let store: Record<string, number> | undefined;
		for (let i = 0; i < SHARED_MAX_KEYS + 50; i++) {
			store = recordShared(store, `k${String(i).padStart(15, '0')}`, 10_000 + i / 10);
		}
		expect(Object.keys(store!)).toHaveLength(SHARED_MAX_KEYS);
		expect(seenByAnyProcess(store, `k${String(49).padStart(15, '0')}`, 10_200)).toBe(false);
		expect(seenByAnyProcess(store, `k${String(50).padStart(15, '0')}`, 10_200)).toBe(true);
		expect(JSON.stringify(store).length).toBeLessThan(30_000);
	});

	it('ignores a malformed store', () => {
		const junk = { abc: 'x' } as unknown as Record<string, number>;
		expect(seenByAnyProcess(junk, 'abc', 1)).toBe(false);
		expect(recordShared(junk, 'new-key-01234567', 5)).toEqual({ 'new-key-01234567': 5 });
	});
});
