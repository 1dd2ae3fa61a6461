import nock from 'nock';
import type { INodeParameters } from 'n8n-workflow';

import { API_KEY, BASE_URL, runFiwano } from '../helpers/run-node';
import type { RunResult } from '../helpers/run-node';
import { settleWithFakeClock, useFakeClock } from '../helpers/fake-clock';
import { api, byId, errorOf, expectNoSecret } from './fiwano-test-utils';

// Channel > Get: a plain GET whose failures go through the shared error mapping only.
const getChannel: INodeParameters = { resource: 'channel', operation: 'get', channelId: byId('a1b2c3d4e5f67890') };
const PATH = '/api/v1/channels/a1b2c3d4e5f67890';

async function failWith(
	status: number,
	body: string | Buffer | Record<string, unknown>,
	headers: Record<string, string> = {},
): Promise<RunResult> {
	// 429 and 503 are retried (retry.test.ts counts the tries); here every try fails, so the
	// mapped error remains. Other statuses are asked exactly once.
	const retried = [429, 503].includes(status);
	const scope = api().get(PATH).times(retried ? 20 : 1).reply(status, body, headers);
	const result = await settleWithFakeClock(runFiwano(getChannel));
	if (!retried) scope.done();
	expect(result.items).toEqual([]);
	expectNoSecret(result);
	return result;
}

describe('API errors through the engine (Channel > Get)', () => {
	beforeEach(useFakeClock);
	afterEach(() => jest.useRealTimers());

	it('400 with a string detail', async () => {
		const error = errorOf(await failWith(400, { detail: 'Channel is not active' }));

		expect(error.message).toBe('Fiwano rejected the request: Channel is not active');
		expect(error.description).toBe(
			'Check the parameters named in the message. An inactive channel or an expired Meta token must be reconnected in the Fiwano portal.',
		);
		expect(error.httpCode).toBe('400');
		expect(error.context?.itemIndex).toBe(0);
	});

	it('400 text_too_long: message, hint and limits', async () => {
		const error = errorOf(
			await failWith(400, {
				detail: {
					code: 'text_too_long',
					message: 'Text exceeds instagram limit of 1000 characters (got 1234).',
					actual_length: 1234,
					max_length: 1000,
					channel_type: 'instagram',
					hint: 'Split the text on your side and send as multiple messages.',
				},
			}),
		);

		expect(error.message).toBe('Text too long: Text exceeds instagram limit of 1000 characters (got 1234). Shorten the text, or turn on the Send Text option Split Long Text.');
		expect(error.description).toMatch(
			/^Split the text on your side and send as multiple messages\. The limit is 1000 characters on instagram; this text has 1234\./,
		);
		expect(error.httpCode).toBe('400');
	});

	it('422 field list names each field', async () => {
		const error = errorOf(
			await failWith(422, {
				detail: [
					{ loc: ['body', 'media_url'], msg: 'URL must use https', type: 'value_error' },
					{ loc: ['query', 'limit'], msg: 'must be positive', type: 'value_error' },
				],
			}),
		);

		expect(error.message).toBe('Invalid fields: media_url: URL must use https; limit: must be positive');
		expect(error.description).toBe('Fix the fields named in the message and run the node again.');
		expect(error.httpCode).toBe('422');
	});

	it('401 points at the API key (mip_live_)', async () => {
		const error = errorOf(await failWith(401, { detail: 'Invalid API key' }));

		expect(error.message).toBe('Fiwano rejected the API key: Invalid API key');
		expect(error.description).toContain('API Key');
		expect(error.description).toContain('mip_live_');
		expect(error.httpCode).toBe('401');
	});

	it('402 payment required', async () => {
		const error = errorOf(await failWith(402, { detail: 'Subscription inactive' }));

		expect(error.message).toBe('Payment required: Subscription inactive. The account owner must renew or upgrade it on the Billing page of the Fiwano portal; retrying will not help.');
		expect(error.description).toContain('Billing page');
		expect(error.httpCode).toBe('402');
	});

	it('404 not found', async () => {
		const error = errorOf(await failWith(404, { detail: 'Channel not found' }));

		expect(error.message).toBe('Not found: Channel not found. Use a channel ID from Channel > Get Many, or the channel_id of the trigger event.');
		expect(error.description).toContain('Check the ID');
		expect(error.httpCode).toBe('404');
	});

	it('410 gone', async () => {
		const error = errorOf(await failWith(410, { detail: 'Gone' }));

		expect(error.message).toBe('Media file expired or unavailable: Gone. Download media within 60 minutes of the event.');
		expect(error.description).toContain('60 minutes');
		expect(error.httpCode).toBe('410');
	});

	it('429 says how long to wait from Retry-After', async () => {
		const error = errorOf(await failWith(429, { detail: 'Rate limit exceeded' }, { 'Retry-After': '30' }));

		expect(error.message).toBe('Fiwano rate limit reached (100 requests per minute per API key)');
		expect(error.description).toBe(
			'Wait 30 s (Retry-After) and run again, or space items out with the Batching setting under Request Options.',
		);
		expect(error.httpCode).toBe('429');
	});

	it('429 without Retry-After says to wait a moment', async () => {
		const error = errorOf(await failWith(429, { detail: 'Rate limit exceeded' }));

		expect(error.description).toMatch(/^Wait a moment and run again/);
	});

	it('502 Meta upstream', async () => {
		const error = errorOf(await failWith(502, { detail: 'Meta API returned 500' }));

		expect(error.message).toBe('Meta API error: Meta API returned 500');
		expect(error.description).toContain('Retrying may help');
		expect(error.httpCode).toBe('502');
	});

	it('503 honours Retry-After', async () => {
		const error = errorOf(await failWith(503, { detail: 'Maintenance' }, { 'Retry-After': '120' }));

		expect(error.message).toBe('Fiwano is temporarily unavailable');
		expect(error.description).toBe('Wait 120 s (Retry-After) and run again.');
		expect(error.httpCode).toBe('503');
	});

	it('500 generic server error', async () => {
		const error = errorOf(await failWith(500, { detail: 'Internal error' }));

		expect(error.message).toBe('Fiwano API error 500: Internal error');
		expect(error.description).toBe('A server error at Fiwano. Retrying later may help.');
		expect(error.httpCode).toBe('500');
	});

	it('a non-JSON error body is shown as text', async () => {
		const error = errorOf(
			await failWith(500, '<html><body>Internal Server Error</body></html>', { 'Content-Type': 'text/html' }),
		);

		expect(error.message).toBe('Fiwano API error 500: <html><body>Internal Server Error</body></html>');
		expect(error.httpCode).toBe('500');
	});

	it('an empty error body still says what happened', async () => {
		const error = errorOf(await failWith(418, ''));

		expect(error.message).toBe('Fiwano API error 418');
		expect(error.description).toBe('Check the parameters and run again.');
		expect(error.httpCode).toBe('418');
	});

	it('keeps the API key out of output items and errors, on success and on failure', async () => {
		const scope = api()
			.get(PATH)
			.reply(401, { detail: 'Invalid API key' })
			.get(PATH)
			.reply(200, { id: 'a1b2c3d4e5f67890', name: 'Support', is_active: true });

		const failed = await runFiwano(getChannel);
		const ok = await runFiwano(getChannel);

		scope.done();
		expectNoSecret(failed);
		expectNoSecret(ok);
		expect(ok.items).toEqual([
			{ json: { id: 'a1b2c3d4e5f67890', name: 'Support', is_active: true }, pairedItem: { item: 0 } },
		]);
		expect(JSON.stringify(failed.error)).not.toContain(API_KEY.slice(9));
	});

	it('reaches the base URL of the credential for errors too', async () => {
		const wrongHost = nock(BASE_URL).get(PATH).reply(200, {});
		const scope = api('https://proxy.example.test').get(PATH).reply(404, { detail: 'Channel not found' });

		const result = await runFiwano(getChannel, {
			credentials: { apiKey: API_KEY, baseUrl: 'https://proxy.example.test/' },
		});

		scope.done();
		expect(wrongHost.isDone()).toBe(false);
		expect(errorOf(result).message).toBe('Not found: Channel not found. Use a channel ID from Channel > Get Many, or the channel_id of the trigger event.');
	});
});
