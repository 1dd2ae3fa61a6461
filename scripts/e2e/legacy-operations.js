// Every operation of the published fiwano node (v1, and v2 where it differs), with parameters
// as the 1.x editor saved them: only non-defaults, IDs as plain strings. Used by
// suites/legacy.js: each entry becomes a GET webhook running one node against the sandbox.
'use strict';

const q = (name) => `={{ $json.query.${name} }}`;
const BODY = '[{"type":"BODY","text":"Hi {{1}}, order {{2}} shipped.","example":{"body_text":[["Pablo","ORD-1"]]}}]';
const BODY2 = '[{"type":"BODY","text":"Hello {{1}}, order {{2}} is on its way.","example":{"body_text":[["Pablo","ORD-1"]]}}]';

const legacyPath = (key) => `e2e-legacy-${key.replace(/[^a-z0-9]+/gi, '-').toLowerCase()}`;

/**
 * { key, typeVersion, parameters, query(ctx) -> query object (may prepare sandbox state),
 *   expect(items, ctx) -> detail } in the order they run (later ones use earlier results).
 */
function legacyOperations() {
	return [
		{
			key: 'v1 message send (defaults)',
			typeVersion: 1,
			parameters: { channelId: q('channel'), recipient: q('to'), text: q('text') },
			query: ({ ids }) => ({ channel: ids.WA, to: '15557771000', text: 'legacy send' }),
			expect: ([out], { assert }) => {
				assert(out.success === true && out.message_id, JSON.stringify(out));
				return out.status;
			},
		},
		{
			key: 'v2 message send (defaults)',
			typeVersion: 2,
			parameters: { channelId: q('channel'), recipient: q('to'), text: q('text') },
			query: ({ ids }) => ({ channel: ids.IG, to: '6543217890123456', text: 'legacy v2 send' }),
			expect: ([out], { assert }) => assert(out.success === true, JSON.stringify(out)),
		},
		{
			key: 'v1 message sendMedia',
			typeVersion: 1,
			parameters: { operation: 'sendMedia', channelId: q('channel'), recipient: q('to'), mediaUrl: 'https://example.com/photo.jpg', mediaAdditionalFields: { caption: 'A photo' } },
			query: ({ ids }) => ({ channel: ids.WA, to: '15557771000' }),
			expect: ([out], { assert }) => assert(out.success === true, JSON.stringify(out)),
		},
		{
			key: 'v1 message sendTemplate (language en_US by default)',
			typeVersion: 1,
			parameters: { operation: 'sendTemplate', channelId: q('channel'), recipient: q('to'), templateName: 'welcome_message', variables: '{"body": {"customer_name": "Pablo", "order_number": "ORD-1"}}' },
			query: ({ ids }) => ({ channel: ids.WA, to: '15557771000' }),
			expect: ([out], { assert }) => assert(out.success === true, JSON.stringify(out)),
		},
		{
			key: 'v1 media download',
			typeVersion: 1,
			parameters: { resource: 'media', mediaId: q('media') },
			query: async ({ ids, sb }) => {
				const inbound = await sb('POST', '/_sandbox/inbound', { channel_id: ids.WA, from: '15557771000', media: { kind: 'voice' }, wait: 'none' });
				return { media: inbound.event.data.media.media_id };
			},
			expect: ([out], { assert }) => assert(Object.keys(out).join() === 'media_id', `json is ${JSON.stringify(out)}`),
		},
		{
			key: 'v1 channel getAll (one item holding the list)',
			typeVersion: 1,
			parameters: { resource: 'channel' },
			expect: (items, { assert, ids }) => {
				assert(items.length === 1 && Array.isArray(items[0].channels), `${items.length} items: ${JSON.stringify(items).slice(0, 200)}`);
				assert(items[0].channels.some((c) => c.id === ids.WA) && typeof items[0].total === 'number', JSON.stringify(items[0]).slice(0, 200));
				return `$json.channels has ${items[0].channels.length}`;
			},
		},
		{
			key: 'v1 channel get',
			typeVersion: 1,
			parameters: { resource: 'channel', operation: 'get', channelId: q('channel') },
			query: ({ ids }) => ({ channel: ids.IG }),
			expect: ([out], { assert, ids }) => assert(out.id === ids.IG, JSON.stringify(out).slice(0, 200)),
		},
		{
			key: 'v1 channel setupUrl',
			typeVersion: 1,
			parameters: { resource: 'channel', operation: 'setupUrl', channelType: 'instagram', redirectUri: 'http://localhost:5678/callback' },
			expect: ([out], { assert, state }) => {
				assert(out.setup_url, JSON.stringify(out));
				state.session = new URL(out.setup_url).searchParams.get('session');
			},
		},
		{
			key: 'v1 channel exchangeCode',
			typeVersion: 1,
			parameters: { resource: 'channel', operation: 'exchangeCode', code: q('code'), additionalFields: {} },
			query: async ({ sb, state }) => ({ code: (await sb('POST', '/_sandbox/oauth/complete', { session_id: state.session })).code }),
			expect: ([out], { assert, state }) => {
				state.channel = out.channel_id || out.id || (out.channel && out.channel.id);
				assert(state.channel, JSON.stringify(out));
			},
		},
		{
			key: 'v1 channel update (output keeps webhook_secret as published)',
			typeVersion: 1,
			parameters: { resource: 'channel', operation: 'update', channelId: q('channel'), updateFields: { webhook_url: 'http://localhost:9/legacy', webhook_events: ['message.received'], webhook_secret: 'legacy-secret-0123456789' } },
			query: ({ state }) => ({ channel: state.channel }),
			expect: ([out], { assert }) => {
				assert(out.webhook_url === 'http://localhost:9/legacy', JSON.stringify(out));
				assert(out.webhook_secret === 'legacy-secret-0123456789', 'webhook_secret not in the output as published');
			},
		},
		{
			key: 'v1 channel update clear_webhook_url',
			typeVersion: 1,
			parameters: { resource: 'channel', operation: 'update', channelId: q('channel'), updateFields: { clear_webhook_url: true } },
			query: ({ state }) => ({ channel: state.channel }),
			expect: async (items, { assert, channel, state }) => assert(!(await channel(state.channel)).webhook_url, 'webhook_url not cleared'),
		},
		{
			key: 'v1 channel delete (API body as is)',
			typeVersion: 1,
			parameters: { resource: 'channel', operation: 'delete', channelId: q('channel') },
			query: ({ state }) => ({ channel: state.channel }),
			expect: async (items, { assert, channel, state }) => {
				// Published output: the API's answer as is (v3 adds { deleted, channel_id }).
				assert(items.length === 1 && items[0].success === true && !('deleted' in items[0]), JSON.stringify(items));
				assert((await channel(state.channel)).is_active === false, 'channel still active');
			},
		},
		{
			key: 'v1 contact getProfile',
			typeVersion: 1,
			parameters: { resource: 'contact', channelId: q('channel'), userId: q('user') },
			query: ({ ids }) => ({ channel: ids.IG, user: '6543217890123456' }),
			expect: ([out], { assert }) => assert(out.profile, JSON.stringify(out)),
		},
		{
			key: 'v1 template create',
			typeVersion: 1,
			parameters: { resource: 'template', operation: 'create', channelId: q('channel'), templateName: q('name'), components: BODY },
			query: ({ ids }) => ({ channel: ids.WA, name: `legacy_${Date.now()}` }),
			expect: ([out], { assert, state }) => {
				state.template = out.id;
				assert(out.status === 'PENDING' && out.id, JSON.stringify(out));
			},
		},
		{
			key: 'v1 template getAll (one item holding the list)',
			typeVersion: 1,
			parameters: { resource: 'template', channelId: q('channel') },
			query: ({ ids }) => ({ channel: ids.WA }),
			expect: (items, { assert }) => assert(items.length === 1 && Array.isArray(items[0].templates), JSON.stringify(items).slice(0, 200)),
		},
		{
			key: 'v1 template get',
			typeVersion: 1,
			parameters: { resource: 'template', operation: 'get', channelId: q('channel'), templateId: q('template') },
			query: ({ ids, state }) => ({ channel: ids.WA, template: state.template }),
			expect: ([out], { assert, state }) => assert(out.id === state.template, JSON.stringify(out).slice(0, 200)),
		},
		{
			key: 'v1 template update',
			typeVersion: 1,
			parameters: { resource: 'template', operation: 'update', channelId: q('channel'), templateId: q('template'), components: BODY2 },
			query: async ({ ids, sb, state }) => {
				await sb('POST', '/_sandbox/approve-template', { template_id: state.template });
				return { channel: ids.WA, template: state.template };
			},
			expect: (items, { assert }) => assert(JSON.stringify(items).includes('on its way'), JSON.stringify(items).slice(0, 300)),
		},
		{
			key: 'v1 template delete',
			typeVersion: 1,
			parameters: { resource: 'template', operation: 'delete', channelId: q('channel'), templateId: q('template') },
			query: ({ ids, state }) => ({ channel: ids.WA, template: state.template }),
			expect: (items, { assert }) => assert(items.length === 1 && !('deleted' in items[0]), JSON.stringify(items)),
		},
		{
			key: 'v1 redirect add',
			typeVersion: 1,
			parameters: { resource: 'redirect', operation: 'add', uriPattern: 'https://legacy.example.com/callback' },
			expect: ([out], { assert, state }) => {
				state.redirect = out.id;
				assert(out.id, JSON.stringify(out));
			},
		},
		{
			key: 'v1 redirect getAll (one item holding the list)',
			typeVersion: 1,
			parameters: { resource: 'redirect' },
			expect: (items, { assert, state }) => assert(items.length === 1 && items[0].redirects.some((r) => r.id === state.redirect), JSON.stringify(items).slice(0, 300)),
		},
		{
			key: 'v1 redirect delete',
			typeVersion: 1,
			parameters: { resource: 'redirect', operation: 'delete', redirectId: q('redirect') },
			query: ({ state }) => ({ redirect: state.redirect }),
			expect: (items, { assert }) => assert(items.length === 1 && items[0].success === true && !('deleted' in items[0]), JSON.stringify(items)),
		},
		{
			key: 'v1 subscription getAll',
			typeVersion: 1,
			parameters: { resource: 'subscription' },
			expect: (items, { assert }) => assert(items.length === 1 && typeof items[0] === 'object', JSON.stringify(items).slice(0, 300)),
		},
	];
}

module.exports = { legacyOperations, legacyPath };
