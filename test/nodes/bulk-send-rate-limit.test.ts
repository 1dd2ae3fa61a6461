import nock from 'nock';
import type { IDataObject } from 'n8n-workflow';

import { BASE_URL, runFiwano } from '../helpers/run-node';
import { byId } from './fiwano-test-utils';

/**
 * 250 Send Text items against an API that answers 429 (Retry-After: 1) after every 100
 * accepted requests: every message must arrive exactly once, in item order.
 */
describe('bulk Send Text under the rate limit', () => {
	it('delivers 250 items exactly once, in item order, backing off on 429', async () => {
		const arrived: string[] = [];
		let accepted = 0;
		let limited = 0;
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
				if (Date.now() < blockedUntil || (accepted > 0 && accepted % 100 === 0 && blockedUntil === 0)) {
					if (blockedUntil === 0) blockedUntil = Date.now() + 1000;
					limited++;
					return [429, { detail: 'Rate limit exceeded' }, { 'Retry-After': '1' }];
				}
				blockedUntil = 0;
				accepted++;
				arrived.push(text);
				return [200, { success: true, message_id: `id-${text}`, status: 'sent' }];
			});
		const input = Array.from({ length: 250 }, (_, i) => ({ text: `message ${i}` }));
		const started = Date.now();

		const result = await runFiwano(
			{
				resource: 'message',
				operation: 'sendText',
				channelId: byId('a1b2c3d4e5f67890'),
				recipient: '15551234567',
				text: '={{ $json.text }}',
			},
			{ input },
		);

		expect(result.error).toBeUndefined();
		expect(arrived).toEqual(input.map(({ text }) => text)); // exactly once each, in order
		expect(limited).toBeGreaterThanOrEqual(2); // it did hit the limit after 100 and 200
		expect(result.items.map((item) => item.json.message_id)).toEqual(input.map(({ text }) => `id-${text}`));
		expect(result.items.map((item) => item.pairedItem)).toEqual(input.map((_, item) => ({ item })));
		expect(Date.now() - started).toBeGreaterThanOrEqual(2000); // waited Retry-After twice
	}, 30000);
});
