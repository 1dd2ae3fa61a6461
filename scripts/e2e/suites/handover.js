// E2E: the human-handover example in a real n8n against the sandbox. After a message.echo
// (staff answered from the WhatsApp Business app), the customer's next message gets no reply;
// after the pause it answers again; other customers are answered meanwhile.
'use strict';
const { withCredential, loadExamples } = require('../../dev/n8n-start');

const PAUSE_MINUTES = 0.1; // 6 s: short enough for the suite, long enough for one execution
const CUSTOMER = '15551110000';
const OTHER = '15552220000';

/** ctx: see scripts/e2e/suites/README.md. */
async function run(ctx) {
	const { check, assert, waitFor, sleep, sb, client, n8n, messagesTo, channel } = ctx;
	const { WA } = ctx.ids;
	const example = loadExamples().find((e) => e.file === 'human-handover.json');
	let wf;
	const executions = async () =>
		(await client.api('GET', '/executions', undefined, { workflowId: wf.id, limit: '100' })).data || [];
	/** Waits until `count` executions have finished, all successfully. */
	const settled = async (count) => {
		const list = await waitFor(`${count} finished executions`, async () => {
			const all = await executions();
			return all.length >= count && all.every((e) => e.finished || e.status === 'success' || e.status === 'error') ? all : undefined;
		});
		const failed = list.filter((e) => e.status !== 'success');
		assert(!failed.length, `execution(s) ${failed.map((e) => `${e.id}: ${e.status}`).join(', ')} did not succeed`);
	};
	const repliesTo = async (recipient, text) =>
		(await messagesTo(WA, recipient)).filter((m) => m.request.text === `You said: ${text}`);

	await check('human handover activates and registers message.received and message.echo', async () => {
		assert(example, 'examples/human-handover.json is missing');
		const workflow = JSON.parse(JSON.stringify(example.workflow));
		workflow.name = 'E2E: human handover';
		const settings = workflow.nodes.find((x) => x.name === 'Settings');
		settings.parameters.assignments.assignments.find((a) => a.name === 'pauseMinutes').value = PAUSE_MINUTES;
		wf = await client.importWorkflow(withCredential(workflow, n8n.credential));
		await client.activate(wf.id);
		const wa = await channel(WA);
		for (const e of ['message.received', 'message.echo'])
			assert((wa.webhook_events || []).includes(e), `WhatsApp events ${JSON.stringify(wa.webhook_events)}`);
		return wa.webhook_events.join(', ');
	});
	if (!wf) return;

	try {
		await check('before any echo, the bot answers the customer', async () => {
			await sb('POST', '/_sandbox/inbound', { channel_id: WA, from: CUSTOMER, text: 'handover 1' });
			await waitFor('the reply', async () => repliesTo(CUSTOMER, 'handover 1'));
			await settled(1);
		});

		let pausedAt = 0;
		await check('after a message.echo to the customer, their next message gets no reply', async () => {
			const { delivery } = await sb('POST', '/_sandbox/echo', { channel_id: WA, recipient: CUSTOMER, text: 'Staff here, I will take it from here' });
			assert(delivery && delivery.delivered, `echo delivery ${JSON.stringify(delivery)}`);
			pausedAt = Date.now();
			await settled(2);
			await sb('POST', '/_sandbox/inbound', { channel_id: WA, from: CUSTOMER, text: 'handover 2' });
			await settled(3);
			assert(Date.now() - pausedAt < PAUSE_MINUTES * 60000, 'too slow: the pause was over before the check');
			const replies = await repliesTo(CUSTOMER, 'handover 2');
			assert(replies.length === 0, `the bot replied during the pause: ${JSON.stringify(replies.map((m) => m.request.text))}`);
		});

		await check('during the pause, another customer is still answered', async () => {
			await sb('POST', '/_sandbox/inbound', { channel_id: WA, from: OTHER, text: 'handover other' });
			await waitFor('the reply', async () => repliesTo(OTHER, 'handover other'));
			await settled(4);
		});

		await check('after the pause, the bot answers the customer again', async () => {
			const left = pausedAt + PAUSE_MINUTES * 60000 + 500 - Date.now();
			if (left > 0) await sleep(left);
			await sb('POST', '/_sandbox/inbound', { channel_id: WA, from: CUSTOMER, text: 'handover 3' });
			await waitFor('the reply', async () => repliesTo(CUSTOMER, 'handover 3'));
			await settled(5);
			return `paused ${PAUSE_MINUTES * 60} s`;
		});
	} finally {
		await client.deactivate(wf.id).catch(() => {});
		await waitFor('channel unwired', async () => !(await channel(WA)).webhook_url).catch(() => {});
	}
}

module.exports = { run, needsN8n2: 'Data tables' };
