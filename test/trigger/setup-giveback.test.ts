import nock from 'nock';
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import {
	PRODUCTION_URL,
	TEST_URL,
	TRIGGER_API_KEY,
	TRIGGER_BASE_URL,
	TriggerHarness,
} from '../helpers/trigger-harness';

const signing = ['giveback', 'signing', 'value'].join('-');
const FOREIGN_URL = 'https://other.example/hooks/fiwano';
const OLD_URL = 'https://old-host.example.test/webhook/a0b1c2d3/webhook';
const RECEIVED = ['message.received'];
const NODE_KEY = 'node:Fiwano Trigger';

function channel(id: string, type: string, extra: IDataObject = {}): IDataObject {
	return {
		id,
		channel_type: type,
		name: `Name ${id}`,
		is_active: true,
		webhook_url: null,
		webhook_events: null,
		...extra,
	};
}

const api = () => nock(TRIGGER_BASE_URL).matchHeader('x-api-key', TRIGGER_API_KEY);
const list = (channels: IDataObject[]) =>
	api().get('/api/v1/channels').reply(200, { channels, total: channels.length });
const patch = (id: string, body: IDataObject, status = 200, times = 1) =>
	api()
		.patch(`/api/v1/channels/${id}`, body as Record<string, nock.DataMatcher>)
		.times(times)
		.reply(status, status < 400 ? { id } : { detail: 'upstream down' });
const wireBody = (url = PRODUCTION_URL) => ({
	webhook_url: url,
	webhook_events: RECEIVED,
	webhook_secret: signing,
});
const CLEARED = { webhook_url: null, webhook_events: [] };

function all(extra: INodeParameters = {}): INodeParameters {
	return { events: RECEIVED, webhookSetup: 'allChannels', secret: signing, ...extra };
}

function selected(ids: string[]): INodeParameters {
	return {
		events: RECEIVED,
		webhookSetup: 'selectedChannels',
		secret: signing,
		channelIds: { channel: ids.map((value) => ({ channelId: value })) },
	};
}

async function rejection(promise: Promise<unknown>) {
	return (await promise.then(
		() => undefined,
		(error: unknown) => error,
	)) as { message: string; description?: string };
}

describe('Take Over Channels gives back what it takes', () => {
	afterEach(() => expect(nock.pendingMocks()).toEqual([]));

	it('remembers the URL and events of a taken channel and restores them on deactivation', async () => {
		const fb1 = channel('fb1', 'facebook', {
			webhook_url: FOREIGN_URL,
			webhook_events: ['message.received', 'message.read'],
		});
		const harness = new TriggerHarness(all({ options: { takeOverChannels: true } }));
		list([fb1]);
		patch('fb1', wireBody());
		expect(await harness.hook('create')).toBe(true);
		expect(harness.staticData.takenOver).toEqual({
			fb1: { url: FOREIGN_URL, events: ['message.received', 'message.read'] },
		});
		expect((harness.staticData.lastActivation as IDataObject)[PRODUCTION_URL]).toMatchObject({
			tookOver: [{ id: 'fb1', name: 'Name fb1', previousUrl: FOREIGN_URL }],
		});

		// A second activation (channel already ours) keeps the original, not its own URL.
		list([{ ...fb1, webhook_url: PRODUCTION_URL, webhook_events: RECEIVED }]);
		patch('fb1', wireBody());
		expect(await harness.hook('create')).toBe(true);
		expect((harness.staticData.takenOver as IDataObject).fb1).toEqual({
			url: FOREIGN_URL,
			events: ['message.received', 'message.read'],
		});

		list([{ ...fb1, webhook_url: PRODUCTION_URL, webhook_events: RECEIVED }]);
		patch('fb1', {
			webhook_url: FOREIGN_URL,
			webhook_events: ['message.received', 'message.read'],
		});
		expect(await harness.hook('delete')).toBe(true);
		expect(harness.staticData.takenOver).toEqual({});
		expect(harness.staticData.registrations).toEqual({});
	});

	it('gives back a selected channel that pointed elsewhere too, and forgets one rewired since', async () => {
		const harness = new TriggerHarness(selected(['wa1', 'ig1']));
		list([
			channel('wa1', 'whatsapp', { webhook_url: FOREIGN_URL, webhook_events: RECEIVED }),
			channel('ig1', 'instagram', { webhook_url: FOREIGN_URL, webhook_events: RECEIVED }),
		]);
		patch('wa1', wireBody());
		patch('ig1', wireBody());
		expect(await harness.hook('create')).toBe(true);
		list([
			channel('wa1', 'whatsapp', { webhook_url: PRODUCTION_URL, webhook_events: RECEIVED }),
			channel('ig1', 'instagram', { webhook_url: 'https://someone-else.example/hook' }),
		]);
		patch('wa1', { webhook_url: FOREIGN_URL, webhook_events: RECEIVED });
		expect(await harness.hook('delete')).toBe(true);
		expect(harness.staticData.takenOver).toEqual({});
	});
});

describe('tolerant deactivation', () => {
	afterEach(() => expect(nock.pendingMocks()).toEqual([]));

	it('retries a transient failure within the call', async () => {
		const harness = new TriggerHarness(selected(['wa1']), undefined, {
			staticData: { [NODE_KEY]: { registrations: { [PRODUCTION_URL]: { channels: ['wa1'] } } } },
		});
		list([channel('wa1', 'whatsapp', { webhook_url: PRODUCTION_URL })]);
		patch('wa1', CLEARED, 502);
		patch('wa1', CLEARED);
		expect(await harness.hook('delete')).toBe(true);
		expect(harness.staticData.registrations).toEqual({});
	});

	it('does not retry a 4xx, keeps the channel registered and names it', async () => {
		const harness = new TriggerHarness(selected(['wa1']), undefined, {
			staticData: { [NODE_KEY]: { registrations: { [PRODUCTION_URL]: { channels: ['wa1'] } } } },
		});
		list([channel('wa1', 'whatsapp', { webhook_url: PRODUCTION_URL })]);
		patch('wa1', CLEARED, 404);
		const error = await rejection(harness.hook('delete'));
		expect(error.message).toMatch(/^Could not clear the webhook of Name wa1 · WhatsApp \(wa1\)/);
		expect(error.description).toMatch(/activate the workflow again \(activation reclaims them\)/);
		expect(harness.staticData.registrations).toEqual({ [PRODUCTION_URL]: { channels: ['wa1'] } });
	});

	it('clears a channel pointing at its URL even when the registration was lost', async () => {
		const harness = new TriggerHarness(all());
		list([
			channel('wa1', 'whatsapp', { webhook_url: PRODUCTION_URL }),
			channel('ig1', 'instagram', { webhook_url: FOREIGN_URL }),
		]);
		patch('wa1', CLEARED);
		expect(await harness.hook('delete')).toBe(true);
	});
});

describe('reclaiming channels left on an old URL of this trigger', () => {
	afterEach(() => expect(nock.pendingMocks()).toEqual([]));

	const leftBehind = () => ({
		[NODE_KEY]: {
			ownUrls: [OLD_URL],
			registrations: { [OLD_URL]: { channels: ['wa1', 'ig1'] } },
			takenOver: { ig1: { url: FOREIGN_URL, events: RECEIVED } },
		},
	});

	it('checkExists says no while an old registration is pending, without calling the API', async () => {
		const harness = new TriggerHarness(selected(['wa1']), undefined, { staticData: leftBehind() });
		expect(await harness.hook('checkExists')).toBe(false);
	});

	it('activation rewires the wanted channel and gives back the others (restoring a taken one)', async () => {
		const harness = new TriggerHarness(selected(['wa1']), undefined, { staticData: leftBehind() });
		list([
			channel('wa1', 'whatsapp', { webhook_url: OLD_URL, webhook_events: RECEIVED }),
			channel('ig1', 'instagram', { webhook_url: OLD_URL, webhook_events: RECEIVED }),
			channel('fb1', 'facebook', { webhook_url: FOREIGN_URL }),
		]);
		patch('wa1', wireBody());
		patch('ig1', { webhook_url: FOREIGN_URL, webhook_events: RECEIVED });
		expect(await harness.hook('create')).toBe(true);
		expect(harness.staticData).toMatchObject({
			ownUrls: [OLD_URL, PRODUCTION_URL],
			registrations: { [PRODUCTION_URL]: { channels: ['wa1'] } },
			takenOver: {},
		});
		expect(Object.keys(harness.staticData.registrations as IDataObject)).toEqual([PRODUCTION_URL]);
	});

	it('Automatic for All treats a channel on its old URL as its own, not as taken over', async () => {
		const harness = new TriggerHarness(all(), undefined, {
			staticData: { [NODE_KEY]: { ownUrls: [OLD_URL] } },
		});
		list([channel('wa1', 'whatsapp', { webhook_url: OLD_URL, webhook_events: RECEIVED })]);
		patch('wa1', wireBody());
		expect(await harness.hook('create')).toBe(true);
		expect(harness.staticData.takenOver).toBeUndefined();
		expect((harness.staticData.lastActivation as IDataObject)[PRODUCTION_URL]).toEqual({
			wired: [{ id: 'wa1', name: 'Name wa1', events: RECEIVED }],
			left: [],
		});
	});

	it('keeps a channel it could not give back registered on its old URL for next time', async () => {
		const harness = new TriggerHarness(selected(['wa1']), undefined, { staticData: leftBehind() });
		list([
			channel('wa1', 'whatsapp'),
			channel('ig1', 'instagram', { webhook_url: OLD_URL, webhook_events: RECEIVED }),
		]);
		patch('wa1', wireBody());
		patch('ig1', { webhook_url: FOREIGN_URL, webhook_events: RECEIVED }, 400);
		expect(await harness.hook('create')).toBe(true);
		expect(harness.staticData.registrations).toEqual({
			[OLD_URL]: { channels: ['ig1'] },
			[PRODUCTION_URL]: { channels: ['wa1'] },
		});
		expect(await harness.hook('checkExists')).toBe(false);
	});

	it("a production activation never touches the editor's test URL", async () => {
		const harness = new TriggerHarness(selected(['wa1']), undefined, {
			staticData: {
				[NODE_KEY]: {
					ownUrls: [TEST_URL],
					registrations: { [TEST_URL]: { channels: ['ig1'] } },
				},
			},
		});
		list([channel('wa1', 'whatsapp'), channel('ig1', 'instagram', { webhook_url: TEST_URL })]);
		patch('wa1', wireBody());
		expect(await harness.hook('create')).toBe(true);
		expect(harness.staticData.registrations).toEqual({
			[TEST_URL]: { channels: ['ig1'] },
			[PRODUCTION_URL]: { channels: ['wa1'] },
		});
	});
});

describe('rollback after a failed activation', () => {
	afterEach(() => expect(nock.pendingMocks()).toEqual([]));

	it("restores URL and events and says the channel's secret is now this trigger's", async () => {
		const harness = new TriggerHarness(selected(['fb1', 'wa1']));
		list([
			channel('fb1', 'facebook', { webhook_url: FOREIGN_URL, webhook_events: RECEIVED }),
			channel('wa1', 'whatsapp'),
		]);
		patch('fb1', wireBody());
		patch('wa1', wireBody(), 422);
		patch('fb1', { webhook_url: FOREIGN_URL, webhook_events: RECEIVED });
		const error = await rejection(harness.hook('create'));
		expect(error.description).toMatch(
			/got their webhook URL and events back\. Their webhook secret is now this trigger's: Fiwano never returns a secret/,
		);
		expect(harness.staticData.takenOver).toBeUndefined();
		expect(harness.staticData.registrations).toBeUndefined();
	});
});
