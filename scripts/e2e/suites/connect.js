// The connect-a-client's-channel example as shipped: the OAuth callback turns a code into a
// channel, and answers the redirect's error values (access_denied, slot_occupied,
// session_expired, setup_failed) with what to do instead of failing.
'use strict';
const { loadExamples, withCredential } = require('../../dev/n8n-start');

async function run(ctx) {
	const { n8n, client, sb, channel, check, assert } = ctx;
	const example = loadExamples().find((e) => e.file === 'connect-client-channel.json').workflow;
	// The placeholders of the example point at this n8n; the callback path gets a unique suffix.
	const path = `fiwano-oauth-callback-${Date.now()}`;
	const text = JSON.stringify(example)
		.replaceAll('https://your-n8n.example.com', n8n.url)
		.replaceAll('fiwano-oauth-callback', path);
	const workflow = JSON.parse(text);
	workflow.name = 'E2E: connect a client channel (example)';
	const created = await client.importWorkflow(withCredential(workflow, n8n.credential));
	const callback = `${n8n.url}/webhook/${path}`;
	try {
		await client.activate(created.id);
		await check('connect example: the OAuth callback exchanges a code into a channel with its webhook', async () => {
			await sb('POST', '/api/v1/redirects', { uri_pattern: callback });
			const { setup_url: setupUrl } = await sb('POST', '/api/v1/channels/setup-url', { channel_type: 'whatsapp', redirect_uri: callback });
			const session = new URL(setupUrl).searchParams.get('session');
			const done = await sb('POST', '/_sandbox/oauth/complete', { session_id: session });
			const res = await fetch(done.redirect_url);
			const out = await res.json();
			assert(res.status === 200 && /is connected/.test(out.message), `${res.status} ${JSON.stringify(out)}`);
			const wired = await channel(done.channel_id);
			assert(wired.webhook_url && wired.webhook_url.startsWith(n8n.url), `webhook_url ${wired.webhook_url}`);
			return out.message;
		});
		for (const error of ['access_denied', 'slot_occupied', 'session_expired', 'setup_failed']) {
			await check(`connect example: a redirect with error=${error} answers what to do`, async () => {
				const res = await fetch(`${callback}?error=${error}&message=${encodeURIComponent('Channel c1 holds the slot')}`);
				const out = await res.json();
				assert(res.status === 200 && out.error === error && out.message && !/^Setup did not finish/.test(out.message), `${res.status} ${JSON.stringify(out)}`);
				return out.message.slice(0, 80);
			});
		}
	} finally {
		await client.deactivate(created.id).catch(() => {});
	}
}

module.exports = { run };
