#!/usr/bin/env node
'use strict';
// CLI: node test/sandbox/cli.js [--port 8787] [--api-key mip_live_...] [--webhook-url http://localhost:5678/webhook/x]
//   [--webhook-secret s] [--webhook-events message.received,message.delivered] [--quiet] [--status-delay-ms 100]
//   [--rate-limit 100 | --rate-limit 600/60s] [--rate-window-ms 60000] [--send-pacing [10/1s]]
//   [--webhook-url-rules local|production]
// Env: FIWANO_SANDBOX_RATE_LIMIT (e.g. 100/60s), FIWANO_SANDBOX_SEND_PACING (e.g. 10/1s),
//   FIWANO_SANDBOX_WEBHOOK_URL_RULES; flags win over env.
// Prints one JSON line {url, api_key, channels, ...} then logs requests (never API keys or webhook secrets).
const { createSandbox, IDS } = require('./server');

function parseArgs(argv) {
	const out = {};
	for (let i = 0; i < argv.length; i++) {
		const a = argv[i];
		if (!a.startsWith('--')) continue;
		const [k, inline] = a.slice(2).split(/=(.*)/s);
		if (inline !== undefined) out[k] = inline;
		else if (argv[i + 1] !== undefined && !argv[i + 1].startsWith('--')) out[k] = argv[++i];
		else out[k] = true;
	}
	return out;
}

/** `--rate-limit 100/60s`, or the older `--rate-limit N [--rate-window-ms N]`; undefined = env or default. */
function rateLimitArg(args) {
	const limit = args['rate-limit'];
	if (limit === undefined && args['rate-window-ms'] === undefined) return undefined;
	if (typeof limit === 'string' && limit.includes('/')) return limit;
	return { limit: Number(limit || 100), windowMs: Number(args['rate-window-ms'] || 60000) };
}

async function main() {
	const args = parseArgs(process.argv.slice(2));
	if (args.help) {
		process.stdout.write(
			'Usage: node test/sandbox/cli.js [--port 8787] [--api-key mip_live_...] [--webhook-url URL] [--webhook-secret S] [--webhook-events a,b] [--status-delay-ms N] [--rate-limit N|N/60s] [--rate-window-ms N] [--send-pacing [N/1s]] [--webhook-url-rules local|production] [--allow-external-webhooks] [--quiet]\n',
		);
		return;
	}
	const quiet = Boolean(args.quiet);
	const options = {
		apiKey: args['api-key'] || process.env.FIWANO_SANDBOX_API_KEY || undefined,
		webhookUrl: args['webhook-url'] || undefined,
		webhookSecret: args['webhook-secret'] || process.env.FIWANO_SANDBOX_WEBHOOK_SECRET || undefined,
		webhookEvents: args['webhook-events']
			? String(args['webhook-events'])
					.split(',')
					.map((s) => s.trim())
			: undefined,
		statusDelaysMs:
			args['status-delay-ms'] !== undefined ? Number(args['status-delay-ms']) : undefined,
		allowExternalWebhooks: Boolean(args['allow-external-webhooks']),
		rateLimit: rateLimitArg(args),
		sendPacing:
			args['send-pacing'] === undefined
				? undefined
				: args['send-pacing'] === true
					? true
					: String(args['send-pacing']),
		webhookUrlRules: args['webhook-url-rules'] || undefined,
		logger: quiet ? null : (line) => process.stderr.write(`[fiwano-sandbox] ${line}\n`),
	};
	const sandbox = createSandbox(options);
	const port =
		args.port !== undefined ? Number(args.port) : Number(process.env.FIWANO_SANDBOX_PORT || 8787);
	const { url } = await sandbox.start(port);
	const info = {
		url,
		api_base: `${url}/api/v1`,
		control: `${url}/_sandbox`,
		api_key: sandbox.apiKey,
		channels: {
			whatsapp: IDS.whatsapp,
			instagram: IDS.instagram,
			facebook: IDS.facebook,
			whatsapp_inactive: IDS.whatsappInactive,
		},
		templates: IDS.templates,
		redirect: IDS.redirect,
		subscriptions: IDS.subscriptions,
		test_users: IDS.users,
	};
	process.stdout.write(JSON.stringify(info) + '\n');
	const shutdown = () => sandbox.stop().then(() => process.exit(0));
	process.on('SIGINT', shutdown);
	process.on('SIGTERM', shutdown);
}

main().catch((e) => {
	process.stderr.write(`fiwano-sandbox: ${e && e.message}\n`);
	process.exit(1);
});
