import type { INodeParameters } from 'n8n-workflow';

import { API_KEY, runFiwano } from '../helpers/run-node';
import { api, byId, errorOf, expectNoSecret } from './fiwano-test-utils';

const getProfile = (overrides: INodeParameters = {}): INodeParameters => ({
	resource: 'contact',
	operation: 'getProfile',
	channelId: byId('b2c3d4e5f6789012'),
	userId: '6543217890123456',
	...overrides,
});

const PATH = '/api/v1/channels/b2c3d4e5f6789012/profile/6543217890123456';

describe('Contact > Get Profile', () => {
	it('GETs the profile with the API key and outputs it', async () => {
		const response = {
			channel_id: 'b2c3d4e5f6789012',
			channel_type: 'instagram',
			user_id: '6543217890123456',
			profile: {
				username: 'johndoe',
				name: 'John Doe',
				profile_pic: 'https://scontent.cdninstagram.com/x',
				follower_count: 1500,
				is_verified_user: false,
			},
			cached: false,
		};
		const scope = api().get(PATH).reply(200, response);

		const result = await runFiwano(getProfile());

		scope.done();
		expect(result.items).toEqual([{ json: response, pairedItem: { item: 0 } }]);
		expectNoSecret(result);
	});

	it('outputs a null profile as returned, from the credential base URL, with IDs from expressions', async () => {
		const response = { channel_id: 'c3f8', channel_type: 'facebook', user_id: '78/90', profile: null, cached: true };
		const scope = api('https://proxy.example.test').get('/api/v1/channels/c3f8/profile/78%2F90').reply(200, response);

		const result = await runFiwano(
			getProfile({ channelId: byId('={{ $json.channel_id }}'), userId: '={{ $json.data.from }}' }),
			{
				input: [{ channel_id: 'c3f8', data: { from: '78/90' } }],
				credentials: { apiKey: API_KEY, baseUrl: 'https://proxy.example.test/' },
			},
		);

		scope.done();
		expect(result.items).toEqual([{ json: response, pairedItem: { item: 0 } }]);
	});

	it.each([400, 404])('explains data.from_name when the API refuses a WhatsApp channel (%s)', async (status) => {
		const scope = api()
			.get(PATH)
			.reply(status, { detail: 'Profile lookup is not supported for WhatsApp channels' });

		const result = await runFiwano(getProfile());

		scope.done();
		expect(result.items).toEqual([]);
		const error = errorOf(result);
		expect(error.message).toBe('Contact profiles are not available for WhatsApp channels');
		expect(error.description).toContain('data.from_name');
		expect(error.httpCode).toBe(String(status));
		expect(error.context?.itemIndex).toBe(0);
		expectNoSecret(result);
	});

	it('maps another 400 with the generic mapping', async () => {
		const scope = api().get(PATH).reply(400, { detail: 'Channel is inactive' });

		const result = await runFiwano(getProfile());

		scope.done();
		const error = errorOf(result);
		expect(error.message).toBe('Fiwano rejected the request: Channel is inactive. Reconnect the channel in the Fiwano portal or pick an active one.');
		expect(error.description).toContain('reconnected in the Fiwano portal');
		expect(error.description).not.toContain('from_name');
		expect(error.httpCode).toBe('400');
	});

	it('maps a 400 without detail with the generic mapping', async () => {
		const scope = api().get(PATH).reply(400, {});

		const result = await runFiwano(getProfile());

		scope.done();
		expect(errorOf(result).message).toBe('Fiwano rejected the request: bad request');
	});

	it('maps a 404 channel not found and a 502 Meta error', async () => {
		const scope = api()
			.get(PATH)
			.reply(404, { detail: 'Channel not found' })
			.get(PATH)
			.reply(502, { detail: 'Meta Graph API timeout' });

		const missing = await runFiwano(getProfile());
		const upstream = await runFiwano(getProfile());

		scope.done();
		expect(errorOf(missing).message).toBe('Not found: Channel not found. Use a channel ID from Channel > Get Many, or the channel_id of the trigger event.');
		expect(errorOf(missing).httpCode).toBe('404');
		expect(errorOf(upstream).message).toBe('Meta API error: Meta Graph API timeout');
		expect(errorOf(upstream).httpCode).toBe('502');
	});
});
