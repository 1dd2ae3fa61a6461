#!/usr/bin/env node
// Simulates an inbound message in the running sandbox (`npm run try`) and prints the
// reply the echo bot sent back through the sandbox; or, with --echo, a `message.echo` (a message
// the business sent outside Fiwano, e.g. from the WhatsApp Business app).
// Usage: npm run simulate -- [text] [--channel whatsapp|instagram|facebook] [--customer ID] [--sandbox URL]
//        npm run simulate -- --echo "text" [--channel ...] [--customer ID] [--sandbox URL]
'use strict';
const { readState } = require('./state');

const CHANNELS = {
	whatsapp: { id: 'a1b2c3d4e5f67890', from: '15551234567', from_name: 'Sandbox User' },
	instagram: { id: 'b2c3d4e5f6789012', from: '6543217890123456' },
	facebook: { id: 'c3f8a1b2e4d56789', from: '7890123456789012' },
};

function args(argv) {
	const out = { text: '', channel: 'whatsapp', sandbox: '', customer: '', echo: undefined };
	const rest = [];
	for (let i = 0; i < argv.length; i++) {
		if (argv[i] === '--channel') out.channel = argv[++i];
		else if (argv[i] === '--sandbox') out.sandbox = argv[++i];
		else if (argv[i] === '--customer') out.customer = argv[++i];
		else if (argv[i] === '--echo')
			out.echo = argv[i + 1] !== undefined && !argv[i + 1].startsWith('--') ? argv[++i] : '';
		else rest.push(argv[i]);
	}
	out.text = rest.join(' ') || 'Hello from the Fiwano sandbox!';
	if (out.echo === '') out.echo = rest.join(' ') || 'Sent from the WhatsApp Business app';
	return out;
}

async function call(base, method, path, body) {
	const res = await fetch(base + path, {
		method,
		headers: body ? { 'content-type': 'application/json' } : {},
		body: body ? JSON.stringify(body) : undefined,
	});
	const json = await res.json().catch(() => ({}));
	if (res.status >= 300)
		throw new Error(`${method} ${path} -> ${res.status} ${JSON.stringify(json)}`);
	return json;
}

function channelOf(channel) {
	const ch = CHANNELS[channel];
	if (!ch) throw new Error(`unknown channel ${channel}: whatsapp, instagram or facebook`);
	return ch;
}

/** Sends one inbound message and waits for the reply; returns { delivery, reply }. */
async function simulate(
	sandboxUrl,
	{ text, channel = 'whatsapp', customer, timeoutMs = 20000 } = {},
) {
	const ch = channelOf(channel);
	const from = customer || ch.from;
	const before = (await call(sandboxUrl, 'GET', `/_sandbox/messages?channel_id=${ch.id}`)).total;
	const { delivery } = await call(sandboxUrl, 'POST', '/_sandbox/inbound', {
		channel_id: ch.id,
		from,
		from_name: ch.from_name,
		text,
	});
	const deadline = Date.now() + timeoutMs;
	while (Date.now() < deadline) {
		const { messages } = await call(sandboxUrl, 'GET', `/_sandbox/messages?channel_id=${ch.id}`);
		const reply = messages.slice(before).find((m) => m.recipient === from);
		if (reply) return { delivery, reply };
		await new Promise((r) => setTimeout(r, 200));
	}
	return { delivery, reply: undefined };
}

/** Emits one `message.echo` of `text` sent to the customer; returns { event, delivery }. */
async function echo(sandboxUrl, { text, channel = 'whatsapp', customer } = {}) {
	const ch = channelOf(channel);
	return call(sandboxUrl, 'POST', '/_sandbox/echo', {
		channel_id: ch.id,
		recipient: customer || ch.from,
		text,
	});
}

function describeDelivery(delivery) {
	const first = delivery && delivery.attempts && delivery.attempts[0];
	return first
		? `HTTP ${first.status ?? first.error}`
		: `not delivered (${delivery && delivery.skipped})`;
}

module.exports = { simulate, echo, CHANNELS };

if (require.main === module) {
	const a = args(process.argv.slice(2));
	const sandbox =
		a.sandbox ||
		process.env.FIWANO_SANDBOX_URL ||
		(readState() || {}).sandboxUrl ||
		'http://127.0.0.1:8787';
	const fail = (e) => {
		console.error(
			`simulate failed: ${e.message}${/fetch failed/.test(e.message) ? ` (is \`npm run try\` running? sandbox ${sandbox})` : ''}`,
		);
		process.exit(1);
	};
	if (a.echo !== undefined) {
		echo(sandbox, { text: a.echo, channel: a.channel, customer: a.customer })
			.then(({ event, delivery }) => {
				console.log(
					`message.echo on ${a.channel} to ${event.data.recipient}: "${a.echo}" (message ${event.data.message_id}) -> webhook ${describeDelivery(delivery)}`,
				);
				if (delivery && delivery.skipped === 'event_not_enabled')
					console.log(
						'(the channel does not list message.echo in its webhook events: enable it in the trigger)',
					);
			})
			.catch(fail);
	} else {
		simulate(sandbox, a)
			.then(({ delivery, reply }) => {
				const first = delivery && delivery.attempts && delivery.attempts[0];
				console.log(
					`inbound on ${a.channel} from ${a.customer || CHANNELS[a.channel].from}: "${a.text}" -> webhook ${describeDelivery(delivery)}`,
				);
				if (!first)
					console.log(
						'(the channel is not wired to a webhook: is the echo bot active? `npm run try` activates it)',
					);
				if (!reply) {
					console.log('no reply within 20 s');
					process.exit(1);
				}
				console.log(`echo bot replied: "${reply.request.text}" (message ${reply.message_id})`);
			})
			.catch(fail);
	}
}
