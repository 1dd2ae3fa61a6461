import nock from 'nock';

import { API_KEY, BASE_URL, runFiwano } from '../helpers/run-node';

// Every request: the credential's key and the package's client identification.
const api = () =>
	nock(BASE_URL)
		.matchHeader('x-api-key', API_KEY)
		.matchHeader('x-fiwano-client', 'n8n-nodes-fiwano');

// The envelope is not documented; only available_slots.<type>.total and assigned_channels are.
const answer = {
	subscriptions: [{ id: 'sub_1', plan: 'pro', status: 'active' }],
	available_slots: {
		whatsapp: { total: 0 },
		instagram: { total: 1 },
		facebook: { total: 1 },
	},
	assigned_channels: [
		{ channel_id: 'a1b2c3d4e5f67890', channel_type: 'whatsapp', subscription_id: 'sub_1' },
	],
	unknown_future_field: { kept: true },
};

describe('Subscription > Get Many', () => {
	it('GETs /api/v1/subscriptions and outputs the answer unchanged as one item', async () => {
		const scope = api().get('/api/v1/subscriptions').reply(200, answer);
		const { items, error } = await runFiwano({ resource: 'subscription', operation: 'getAll' });
		expect(error).toBeUndefined();
		expect(items).toEqual([{ json: answer, pairedItem: { item: 0 } }]);
		// The documented facts are readable where the API puts them.
		expect(
			(items[0].json.available_slots as Record<string, { total: number }>).instagram.total,
		).toBe(1);
		expect(items[0].json.assigned_channels).toEqual(answer.assigned_channels);
		scope.done();
	});

	it('is the default operation and runs once per input item', async () => {
		const scope = api().get('/api/v1/subscriptions').times(2).reply(200, { available_slots: {} });
		const { items } = await runFiwano(
			{ resource: 'subscription' },
			{ input: [{ a: 1 }, { a: 2 }] },
		);
		expect(items).toEqual([
			{ json: { available_slots: {} }, pairedItem: { item: 0 } },
			{ json: { available_slots: {} }, pairedItem: { item: 1 } },
		]);
		scope.done();
	});

	it('maps a 401 to the credential fix, and continues on fail with the message', async () => {
		const scope = api().get('/api/v1/subscriptions').reply(401, { detail: 'Invalid API key' });
		const { items, error } = await runFiwano({ resource: 'subscription', operation: 'getAll' });
		expect(items).toEqual([]);
		expect(error?.message).toMatch(/^Fiwano rejected the API key/);
		scope.done();

		const again = api().get('/api/v1/subscriptions').reply(402, { detail: 'Trial ended' });
		const continued = await runFiwano(
			{ resource: 'subscription', operation: 'getAll' },
			{ continueOnFail: true },
		);
		expect(continued.items).toHaveLength(1);
		expect(continued.items[0].json.error).toMatch(/^Payment required: Trial ended/);
		again.done();
	});
});
