// E2E: Send and Wait for Response in a real n8n against the sandbox, with the example
// "approve before the AI agent sends a refund message". No language model runs offline, so
// the example's AI Agent is swapped for a Set node of the same name that outputs a fixed
// draft; everything else runs as shipped. The suite follows the links of the text the
// manager received: approve (the draft goes to the customer, approved: true), decline, a
// forged and a repeated link, and the wait limit running out.
'use strict';
const { randomUUID } = require('node:crypto');
const { withCredential, loadExamples } = require('../../dev/n8n-start');

const MANAGER = '15550009999';
const DRAFT = 'Good news: we will refund order 1234 in full within 5 days.';
const WAIT_TEXT = 'Thank you for your message. A colleague will get back to you about your refund shortly.';

/** The example with the agent (and its model) replaced by a Set node giving `output`. */
function offlineExample(name, limitMinutes) {
	const example = loadExamples().find((e) => e.file === 'approve-refund-before-agent-reply.json');
	if (!example) throw new Error('examples/approve-refund-before-agent-reply.json is missing');
	const workflow = JSON.parse(JSON.stringify(example.workflow));
	workflow.name = name;
	workflow.nodes = workflow.nodes.filter((n) => n.name !== 'OpenAI Chat Model');
	delete workflow.connections['OpenAI Chat Model'];
	const agent = workflow.nodes.find((n) => n.name === 'Support Agent');
	Object.assign(agent, {
		type: 'n8n-nodes-base.set',
		typeVersion: 3.4,
		parameters: { assignments: { assignments: [{ id: randomUUID(), name: 'output', value: DRAFT, type: 'string' }] }, options: {} },
	});
	if (limitMinutes !== undefined) {
		const ask = workflow.nodes.find((n) => n.name === 'Ask Manager');
		ask.parameters.options.limitWaitTime = { values: { limitType: 'afterTimeInterval', resumeAmount: limitMinutes, resumeUnit: 'minutes' } };
	}
	return workflow;
}

/** ctx: see scripts/e2e/suites/README.md. */
async function run(ctx) {
	const { check, assert, waitFor, sb, client, n8n, messagesTo } = ctx;
	const { WA } = ctx.ids;
	let wf;

	const executions = async () => (await client.api('GET', '/executions', undefined, { workflowId: wf.id, limit: '100' })).data || [];
	const execution = async (id) => client.api('GET', `/executions/${id}`, undefined, { includeData: 'true' });
	const askedAfter = async (count) =>
		waitFor('the question to the manager', async () => {
			const asked = await messagesTo(WA, MANAGER);
			return asked.length > count ? asked[asked.length - 1] : undefined;
		});
	const linksOf = (text) =>
		Object.fromEntries(
			text
				.split('\n')
				.filter((line) => /: https?:\/\//.test(line))
				.map((line) => [line.slice(0, line.indexOf(': ')), line.slice(line.indexOf(': ') + 2)]),
		);
	const waitingExecution = async () =>
		waitFor('a waiting execution', async () => (await executions()).find((e) => e.status === 'waiting'));
	const finished = async (id) =>
		waitFor(`execution ${id} to finish`, async () => {
			const e = await execution(id);
			return e.finished || e.status === 'success' || e.status === 'error' ? e : undefined;
		}, 90000);
	const answerOf = (e) => {
		const runs = e.data.resultData.runData['Ask Manager'] || [];
		return runs[runs.length - 1]?.data?.main?.[0]?.[0]?.json;
	};
	const post = (link) => fetch(link, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: '' });

	/** A customer message, the question it causes, the waiting execution and the links. */
	const ask = async (customer, text) => {
		const before = (await messagesTo(WA, MANAGER)).length;
		await sb('POST', '/_sandbox/inbound', { channel_id: WA, from: customer, text });
		const question = await askedAfter(before);
		const waiting = await waitingExecution();
		return { question: question.request.text, links: linksOf(question.request.text), waiting };
	};

	await check('Send and Wait example (agent swapped for a Set node) activates', async () => {
		wf = await client.importWorkflow(withCredential(offlineExample('E2E: approve before refund reply'), n8n.credential));
		await client.activate(wf.id);
	});
	if (!wf) return;

	try {
		await check('the manager gets the question with signed Approve/Decline links; approving sends the draft, approved: true', async () => {
			const customer = '15553330001';
			const { question, links, waiting } = await ask(customer, 'I want a refund for order 1234');
			assert(question.startsWith(`Refund request from ${customer}: "I want a refund for order 1234"`), question);
			assert(question.includes(`Proposed reply: ${DRAFT}`), question);
			assert(/\/webhook-waiting\/\d+\/[^?]+\?approved=true&signature=[0-9a-f]{64}$/.test(links['Send reply'] || ''), JSON.stringify(links));

			const page = await fetch(links['Send reply']);
			const html = await page.text();
			assert(page.status === 200 && html.includes('<button type="submit">Send reply</button>'), `GET -> ${page.status}`);
			assert((await execution(waiting.id)).status === 'waiting', 'opening the link resumed the execution');

			const forged = await post(links['Send reply'].replace('approved=true', 'approved=false'));
			assert(forged.status === 401, `forged link -> ${forged.status}`);

			const answered = await post(links['Send reply']);
			assert(answered.status === 200 && (await answered.text()).includes('your answer was recorded'), `POST -> ${answered.status}`);
			const done = await finished(waiting.id);
			assert(done.status === 'success', `execution ${done.status}`);
			assert(answerOf(done)?.data?.approved === true, JSON.stringify(answerOf(done)));
			await waitFor('the draft to the customer', async () => (await messagesTo(WA, customer)).find((m) => m.request.text === DRAFT));

			const again = await post(links['Do not send']);
			const sentToCustomer = await messagesTo(WA, customer);
			assert(again.status < 300 && sentToCustomer.length === 1, `repeated link -> ${again.status}, ${sentToCustomer.length} messages`);
			return `execution ${waiting.id}: approved, then a second link changed nothing (${again.status})`;
		});

		await check('declining sends the customer the holding message, approved: false', async () => {
			const customer = '15553330002';
			const { links, waiting } = await ask(customer, 'Refund please, order 99');
			await post(links['Do not send']);
			const done = await finished(waiting.id);
			assert(done.status === 'success' && answerOf(done)?.data?.approved === false, JSON.stringify(answerOf(done)));
			await waitFor('the holding message', async () => (await messagesTo(WA, customer)).find((m) => m.request.text === WAIT_TEXT));
			assert(!(await messagesTo(WA, customer)).some((m) => m.request.text === DRAFT), 'the draft went out after a decline');
		});
	} finally {
		await client.deactivate(wf.id).catch(() => {});
	}

	let timed;
	await check('with Limit Wait Time, an unanswered question ends the wait and the customer gets the holding message', async () => {
		timed = await client.importWorkflow(withCredential(offlineExample('E2E: refund approval times out', 0.05), n8n.credential));
		await client.activate(timed.id);
		wf = timed;
		const customer = '15553330003';
		const { links, waiting } = await ask(customer, 'Refund? order 7');
		const done = await finished(waiting.id);
		assert(done.status === 'success', `execution ${done.status}`);
		assert(answerOf(done)?.data === undefined, `output after the timeout: ${JSON.stringify(answerOf(done))}`);
		await waitFor('the holding message', async () => (await messagesTo(WA, customer)).find((m) => m.request.text === WAIT_TEXT));
		const late = await post(links['Send reply']);
		assert(!(await messagesTo(WA, customer)).some((m) => m.request.text === DRAFT), `a late approval (${late.status}) sent the draft`);
		return `timed out after ~3 s wait limit; late link -> ${late.status}`;
	});
	if (timed) await client.deactivate(timed.id).catch(() => {});
}

module.exports = { run, needsN8n2: 'signed resume URLs (getSignedResumeUrl)' };
