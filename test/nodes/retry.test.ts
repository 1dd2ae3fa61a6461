import nock from 'nock';
import type { IDataObject, IHttpRequestOptions, INode } from 'n8n-workflow';

import {
	cancellableSleep,
	retryDelaySeconds,
	retryPolicy,
	RetryCancelledError,
} from '../../nodes/shared/retry';
import { fiwanoApiDownload, fiwanoApiRequest } from '../../nodes/shared/transport';
import { BASE_URL, runFiwano } from '../helpers/run-node';
import { settleWithFakeClock, useFakeClock } from '../helpers/fake-clock';
import { api, byId, errorOf } from './fiwano-test-utils';

const SEND = '/api/v1/messages/send';
const sendText = {
	resource: 'message',
	operation: 'sendText',
	channelId: byId('a1b2c3d4e5f67890'),
	recipient: '15551234567',
	text: 'Hi',
};

/** A context whose helper answers from a list, like httpRequestWithAuthentication with full responses. */
function fakeContext(
	answers: Array<{ statusCode: number; body?: unknown; headers?: IDataObject }>,
	signal?: AbortSignal,
) {
	const requests: IHttpRequestOptions[] = [];
	const times: number[] = [];
	return {
		requests,
		times,
		context: {
			getNode: () => ({ name: 'Fiwano' }) as INode,
			getCredentials: async () => ({ apiKey: 'k', baseUrl: BASE_URL }),
			getExecutionCancelSignal: () => signal,
			helpers: {
				httpRequestWithAuthentication: async (_type: string, options: IHttpRequestOptions) => {
					requests.push(options);
					times.push(Date.now());
					const next = answers.shift()!;
					return { headers: {}, body: {}, ...next };
				},
			},
		} as never,
	};
}

describe('retries on 429 and 503', () => {
	beforeEach(useFakeClock);
	afterEach(() => jest.useRealTimers());

	it('waits as long as Retry-After says, and backs off 1, 2, 4, 8, 16, 30 s without it', () => {
		expect(retryDelaySeconds({ 'retry-after': '7' }, 1)).toBe(7);
		expect(
			retryDelaySeconds({ 'retry-after': new Date(Date.now() + 12_000).toUTCString() }, 1),
		).toBe(12);
		expect([1, 2, 3, 4, 5, 6, 9].map((attempt) => retryDelaySeconds({}, attempt))).toEqual([
			1, 2, 4, 8, 16, 30, 30,
		]);
	});

	it('the budget is 10 tries and 3 minutes of waiting: backoff alone uses all 10 tries', async () => {
		expect(retryPolicy).toMatchObject({ maxTries: 10, maxWaitSeconds: 180 });
		const busy = fakeContext(Array.from({ length: 12 }, () => ({ statusCode: 503 })));
		const started = Date.now();
		await expect(
			settleWithFakeClock(fiwanoApiRequest.call(busy.context, 'GET', '/channels')),
		).rejects.toMatchObject({
			message: 'Fiwano is temporarily unavailable',
			httpCode: '503',
		});
		expect(busy.requests).toHaveLength(10);
		// 1+2+4+8+16+30+30+30+30 s of fake time between the tries
		expect(busy.times.map((time) => Math.round((time - started) / 1000))).toEqual([
			0, 1, 3, 7, 15, 31, 61, 91, 121, 151,
		]);
	});

	it('Retry-After: 60 fits three waits into the budget; a wait beyond it ends the retries at once', async () => {
		const limited = fakeContext(
			Array.from({ length: 12 }, () => ({ statusCode: 429, headers: { 'retry-after': '60' } })),
		);
		await expect(
			settleWithFakeClock(fiwanoApiRequest.call(limited.context, 'GET', '/channels')),
		).rejects.toMatchObject({ httpCode: '429' });
		expect(limited.requests).toHaveLength(4);

		const daily = fakeContext([
			{ statusCode: 429, headers: { 'retry-after': '3600' } },
			{ statusCode: 200 },
		]);
		await expect(
			settleWithFakeClock(fiwanoApiRequest.call(daily.context, 'GET', '/channels')),
		).rejects.toMatchObject({
			description: expect.stringContaining('Wait 3600 s (Retry-After)'),
		});
		expect(daily.requests).toHaveLength(1);
	});

	it('re-sends a message that got 429, once it is accepted never again', async () => {
		const limited = api()
			.post(SEND)
			.reply(429, { detail: 'Rate limit exceeded' }, { 'Retry-After': '1' });
		const accepted = api()
			.post(SEND)
			.reply(200, { success: true, message_id: 'm1', status: 'sent' });
		const again = nock(BASE_URL).post(SEND).reply(200, { success: true, message_id: 'duplicate' });
		const result = await settleWithFakeClock(runFiwano(sendText));
		limited.done();
		accepted.done();
		expect(again.isDone()).toBe(false);
		expect(result.items.map((item) => item.json)).toEqual([
			{ success: true, message_id: 'm1', status: 'sent' },
		]);
	});

	it('never retries a send the API answered 200 with success false, nor a 500', async () => {
		api()
			.post(SEND)
			.reply(200, { success: false, status: 'failed', error: 'x', error_code: 131026 });
		const again = nock(BASE_URL).post(SEND).reply(200, { success: true });
		expect(errorOf(await settleWithFakeClock(runFiwano(sendText))).message).toMatch(
			/^Message not sent \(Meta error 131026\): x/,
		);
		expect(again.isDone()).toBe(false);

		api().get('/api/v1/channels/c1').reply(500, { detail: 'boom' });
		const retried = nock(BASE_URL).get('/api/v1/channels/c1').reply(200, {});
		const result = await settleWithFakeClock(
			runFiwano({ resource: 'channel', operation: 'get', channelId: byId('c1') }),
		);
		expect(errorOf(result).httpCode).toBe('500');
		expect(retried.isDone()).toBe(false);
	});

	it('declarative operations retry too (pagination hook), e.g. Channel > Get after a 503', async () => {
		const busy = api()
			.get('/api/v1/channels/c1')
			.reply(503, 'Service Unavailable', { 'Retry-After': '2' });
		const ok = api().get('/api/v1/channels/c1').reply(200, { id: 'c1', channel_type: 'whatsapp' });
		const result = await settleWithFakeClock(
			runFiwano({ resource: 'channel', operation: 'get', channelId: byId('c1') }),
		);
		busy.done();
		ok.done();
		expect(result.error).toBeUndefined();
		expect(result.items[0].json).toMatchObject({ id: 'c1' });
	});

	it('programmatic requests retry and then give the mapped error; a 404 is asked once', async () => {
		const ok = fakeContext([
			{ statusCode: 429, headers: { 'retry-after': '1' } },
			{ statusCode: 200, body: { channels: [] } },
		]);
		await expect(
			settleWithFakeClock(fiwanoApiRequest.call(ok.context, 'GET', '/channels')),
		).resolves.toEqual({ channels: [] });
		expect(ok.requests).toHaveLength(2);

		const bad = fakeContext([{ statusCode: 404, body: { detail: 'nope' } }]);
		await expect(fiwanoApiRequest.call(bad.context, 'GET', '/channels/x')).rejects.toMatchObject({
			httpCode: '404',
		});
		expect(bad.requests).toHaveLength(1);
	});

	it('media downloads retry 429/503 and return the last answer when the tries run out', async () => {
		const later = fakeContext([{ statusCode: 429 }, { statusCode: 200, body: Buffer.from('ogg') }]);
		const file = await settleWithFakeClock(fiwanoApiDownload.call(later.context, '/media/m1'));
		expect(file.statusCode).toBe(200);
		expect(file.body.toString()).toBe('ogg');
		expect(later.requests).toHaveLength(2);

		const never = fakeContext(
			Array.from({ length: 12 }, () => ({ statusCode: 503, body: 'busy' })),
		);
		const last = await settleWithFakeClock(
			fiwanoApiDownload.call(never.context, 'https://api.fiwano.test/api/v1/media/m1'),
		);
		expect(last.statusCode).toBe(503);
		expect(never.requests).toHaveLength(10);

		const gone = fakeContext([{ statusCode: 410 }]);
		expect((await fiwanoApiDownload.call(gone.context, '/media/m1')).statusCode).toBe(410);
		expect(gone.requests).toHaveLength(1);
	});

	it('stops waiting when the execution is cancelled', async () => {
		const controller = new AbortController();
		const waiting = cancellableSleep(60000, controller.signal);
		controller.abort();
		await expect(settleWithFakeClock(waiting)).rejects.toBeInstanceOf(RetryCancelledError);
		const aborted = fakeContext([{ statusCode: 429 }, { statusCode: 200 }], controller.signal);
		await expect(fiwanoApiRequest.call(aborted.context, 'GET', '/channels')).rejects.toBeInstanceOf(
			RetryCancelledError,
		);
		expect(aborted.requests).toHaveLength(1);
	});
});
