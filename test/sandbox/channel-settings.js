'use strict';
// Channel settings written by PATCH /channels/{id} and exchange-code: webhook URL, secret, events, echo_statuses.
const { HttpError, hex, isLoopbackHost, isAllowedWebhookUrl } = require('./util');
const { allowedEvents } = require('./state');

/** Body fields both endpoints accept (validateBody spec). */
const SETTINGS_SPEC = {
	webhook_url: { type: 'string', nullable: true },
	webhook_secret: { type: 'string', nullable: true, maxLength: 64 },
	webhook_events: { type: 'array', nullable: true, items: 'string' },
	echo_statuses: { type: 'boolean' },
};

/**
 * 'local' (default; `npm run try`, e2e): HTTPS, or http on localhost/127.0.0.1; only loopback hosts unless
 * allowExternalWebhooks. 'production': Fiwano's rules — HTTPS, any port, loopback refused.
 */
function checkWebhookUrl(options, value) {
	if (options.webhookUrlRules === 'production') {
		let u = null;
		try {
			u = new URL(value);
		} catch {
			// reported below
		}
		if (!u || u.protocol !== 'https:')
			throw new HttpError(
				400,
				'webhook_url must be an HTTPS URL reachable from the internet (e.g. https://n8n.example.com/webhook/…).',
			);
		if (isLoopbackHost(u.hostname)) {
			throw new HttpError(
				400,
				'webhook_url must not point to a loopback address (localhost, 127.0.0.0/8, ::1): Fiwano cannot reach it. Use a public HTTPS URL or a tunnel.',
			);
		}
		return;
	}
	if (!isAllowedWebhookUrl(value)) {
		throw new HttpError(
			400,
			'webhook_url must be an HTTPS URL (http://localhost or http://127.0.0.1 is allowed for development).',
		);
	}
	if (!options.allowExternalWebhooks && !isLoopbackHost(new URL(value).hostname)) {
		throw new HttpError(
			400,
			'Sandbox: webhook_url must point to a loopback address (127.0.0.1, localhost, ::1) unless allowExternalWebhooks is set.',
		);
	}
}

/** Validates everything, then applies. `webhook_url` "" or null clears the URL and keeps secret and events. */
function applySettings(options, ch, body) {
	const has = (k) => Object.prototype.hasOwnProperty.call(body, k);
	if (has('webhook_url') && body.webhook_url) checkWebhookUrl(options, body.webhook_url);
	let events = null;
	if (has('webhook_events') && body.webhook_events !== null) {
		const allowed = allowedEvents(ch.channel_type);
		const invalid = body.webhook_events.filter((e) => !allowed.includes(e));
		if (invalid.length) {
			throw new HttpError(
				400,
				`Invalid webhook events for ${ch.channel_type} channel: ${invalid.join(', ')}. Allowed: ${allowed.join(', ')}.`,
			);
		}
		events = [...new Set(body.webhook_events)];
	}
	return () => {
		if (has('webhook_url')) ch.webhook_url = body.webhook_url || null;
		if (events) ch.webhook_events = events;
		if (has('echo_statuses')) ch.echo_statuses = body.echo_statuses;
		if (has('webhook_secret') && body.webhook_secret) ch.webhook_secret = body.webhook_secret;
		else if (ch.webhook_url && !ch.webhook_secret) ch.webhook_secret = hex(32);
	};
}

module.exports = { SETTINGS_SPEC, applySettings, checkWebhookUrl };
