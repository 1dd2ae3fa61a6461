import nock from 'nock';
import type { IDataObject } from 'n8n-workflow';

import { BASE_URL, runFiwano } from '../helpers/run-node';
import { settleWithFakeClock, useFakeClock } from '../helpers/fake-clock';
import { byId } from './fiwano-test-utils';

/**
 * 250 Send Text items against an API that answers 429 (Retry-After: 1) after every 100
 * accepted requests: every message must arrive exactly once, in item order. Time is jest's
 * fake clock, so the Retry-After waits cost nothing.
 */
describe('bulk Send Text under the rate limit', () => {
	beforeEach(useFakeClock);
	afterEach(() => jest.useRealTimers());

	it('delivers 250 items exactly once, in item order, backing off on 429', async () => {
		const arrived: string[] = [];
		const limitedAt: number[] = [];
		let accepted = 0;
		let blockedUntil = 0;
		let text = '';
		nock(BASE_URL)
			// nock 15 hands reply callbacks no body: the body matcher records it (sends are sequential).
			.post('/api/v1/messages/send', (body: IDataObject) => {
				text = String(body.text);
				return true;
			})
			.times(1000)
			.reply(() => {
				const window = accepted > 0 && accepted % 100 === 0 && blockedUntil === 0;
				if (Date.now() < blockedUntil || window) {
					if (blockedUntil === 0) blockedUntil = Date.now() + 1000;
					limitedAt.push(accepted);
					return [429, { detail: 'Rate limit exceeded' }, { 'Retry-After': '1' }];
				}
				blockedUntil = 0;
				accepted++;
				arrived.push(text);
				return [200, { success: true, message_id: `id-${text}`, status: 'sent' }];
			});
		const input = Array.from({ length: 250 }, (_, i) => ({ text: `message ${i}` }));

		const result = await settleWithFakeClock(
			runFiwano(
				{
					resource: 'message',
					operation: 'sendText',
					channelId: byId('a1b2c3d4e5f67890'),
					recipient: '15551234567',
					text: '={{ $json.text }}',
				},
				{ input },
			),
		);

		expect(result.error).toBeUndefined();
		expect(arrived).toEqual(input.map(({ text }) => text)); // exactly once each, in order
		expect(limitedAt).toEqual([100, 200]); // the limit hit after 100 and 200, one retry each
		expect(result.items.map((item) => item.json.message_id)).toEqual(
			input.map(({ text }) => `id-${text}`),
		);
		expect(result.items.map((item) => item.pairedItem)).toEqual(input.map((_, item) => ({ item })));
	}, 60000);
});
