import nock from 'nock';
import type { IDataObject, IHttpRequestOptions, INode } from 'n8n-workflow';

import { cancellableSleep, retryDelayMs, retryPolicy, RetryCancelledError } from '../../nodes/shared/retry';
import { fiwanoApiDownload, fiwanoApiRequest } from '../../nodes/shared/transport';
import { BASE_URL, runFiwano } from '../helpers/run-node';
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
function fakeContext(answers: Array<{ statusCode: number; body?: unknown; headers?: IDataObject }>, signal?: AbortSignal) {
	const requests: IHttpRequestOptions[] = [];
	return {
		requests,
		context: {
			getNode: () => ({ name: 'Fiwano' }) as INode,
			getCredentials: async () => ({ apiKey: 'k', baseUrl: BASE_URL }),
			getExecutionCancelSignal: () => signal,
			helpers: {
				httpRequestWithAuthentication: async (_type: string, options: IHttpRequestOptions) => {
					requests.push(options);
					const next = answers.shift()!;
					return { headers: {}, body: {}, ...next };
				},
			},
		} as never,
	};
}

describe('retries on 429 and 503', () => {
	const saved = { ...retryPolicy };
	beforeEach(() => {
		retryPolicy.secondMs = 5;
	});
	afterAll(() => Object.assign(retryPolicy, saved));

	it('waits as long as Retry-After says, bounded by 60 s, and backs off without it', () => {
		retryPolicy.secondMs = 1000;
		expect(retryDelayMs({ 'retry-after': '7' }, 1)).toBe(7000);
		expect(retryDelayMs({ 'retry-after': '3600' }, 1)).toBe(60000);
		expect(retryDelayMs({}, 1)).toBe(1000);
		expect(retryDelayMs(undefined, 3)).toBe(4000);
		expect(retryDelayMs(undefined, 9)).toBe(8000);
	});

	it('re-sends a message that got 429, once it is accepted never again', async () => {
		const limited = api().post(SEND).reply(429, { detail: 'Rate limit exceeded' }, { 'Retry-After': '1' });
		const accepted = api().post(SEND).reply(200, { success: true, message_id: 'm1', status: 'sent' });
		const again = nock(BASE_URL).post(SEND).reply(200, { success: true, message_id: 'duplicate' });
		const result = await runFiwano(sendText);
		limited.done();
		accepted.done();
		expect(again.isDone()).toBe(false);
		expect(result.items.map((item) => item.json)).toEqual([{ success: true, message_id: 'm1', status: 'sent' }]);
	});

	it('never retries a send the API answered 200 with success false, nor a 500', async () => {
		api().post(SEND).reply(200, { success: false, status: 'failed', error: 'x', error_code: 131026 });
		const again = nock(BASE_URL).post(SEND).reply(200, { success: true });
		expect(errorOf(await runFiwano(sendText)).message).toBe('Message not sent (Meta error 131026): x');
		expect(again.isDone()).toBe(false);

		api().get('/api/v1/channels/c1').reply(500, { detail: 'boom' });
		const retried = nock(BASE_URL).get('/api/v1/channels/c1').reply(200, {});
		const result = await runFiwano({ resource: 'channel', operation: 'get', channelId: byId('c1') });
		expect(errorOf(result).httpCode).toBe('500');
		expect(retried.isDone()).toBe(false);
	});

	it('retries every operation, e.g. Channel > Get after a 503', async () => {
		api().get('/api/v1/channels/c1').reply(503, 'Service Unavailable', { 'Retry-After': '2' });
		api().get('/api/v1/channels/c1').reply(200, { id: 'c1', channel_type: 'whatsapp' });
		const result = await runFiwano({ resource: 'channel', operation: 'get', channelId: byId('c1') });
		expect(result.error).toBeUndefined();
		expect(result.items[0].json).toMatchObject({ id: 'c1' });
	});

	it('programmatic requests (list searches, trigger lifecycle) retry and then give the mapped error', async () => {
		const ok = fakeContext([{ statusCode: 429, headers: { 'retry-after': '1' } }, { statusCode: 200, body: { channels: [] } }]);
		await expect(fiwanoApiRequest.call(ok.context, 'GET', '/channels')).resolves.toEqual({ channels: [] });
		expect(ok.requests).toHaveLength(2);

		const busy = fakeContext(Array.from({ length: 5 }, () => ({ statusCode: 503 })));
		await expect(fiwanoApiRequest.call(busy.context, 'GET', '/channels')).rejects.toMatchObject({
			message: 'Fiwano is temporarily unavailable',
			httpCode: '503',
		});
		expect(busy.requests).toHaveLength(5);

		const bad = fakeContext([{ statusCode: 404, body: { detail: 'nope' } }]);
		await expect(fiwanoApiRequest.call(bad.context, 'GET', '/channels/x')).rejects.toMatchObject({ httpCode: '404' });
		expect(bad.requests).toHaveLength(1);
	});

	it('media downloads retry 429/503 and return the last answer when the tries run out', async () => {
		const later = fakeContext([{ statusCode: 429 }, { statusCode: 200, body: Buffer.from('ogg') }]);
		const file = await fiwanoApiDownload.call(later.context, '/media/m1');
		expect(file.statusCode).toBe(200);
		expect(file.body.toString()).toBe('ogg');
		expect(later.requests).toHaveLength(2);

		const never = fakeContext(Array.from({ length: 5 }, () => ({ statusCode: 503, body: 'busy' })));
		const last = await fiwanoApiDownload.call(never.context, 'https://api.fiwano.test/api/v1/media/m1');
		expect(last.statusCode).toBe(503);
		expect(never.requests).toHaveLength(5);

		const gone = fakeContext([{ statusCode: 410 }]);
		expect((await fiwanoApiDownload.call(gone.context, '/media/m1')).statusCode).toBe(410);
		expect(gone.requests).toHaveLength(1);
	});

	it('stops waiting when the execution is cancelled', async () => {
		const controller = new AbortController();
		retryPolicy.secondMs = 1000;
		const waiting = cancellableSleep(60000, controller.signal);
		controller.abort();
		await expect(waiting).rejects.toBeInstanceOf(RetryCancelledError);
		const aborted = fakeContext([{ statusCode: 429 }, { statusCode: 200 }], controller.signal);
		await expect(fiwanoApiRequest.call(aborted.context, 'GET', '/channels')).rejects.toBeInstanceOf(RetryCancelledError);
		expect(aborted.requests).toHaveLength(1);
	});
});
