// E2E: n8n's real AI Agent uses the Fiwano node as a tool. The model is a scripted
// OpenAI-compatible server on loopback (../openai-stub.js): it records what it receives, calls
// the Fiwano tool once, then answers with a text quoting the tool's result. Checks: the model
// sees the tool with only its $fromAI parameter, the send reaches the sandbox, the tool's
// result reaches the model, and a send Meta refuses with 131047 (24-hour window) reaches the
// model as a text that tells it to send a template. A second workflow gives the agent Fiwano's
// Send and Wait as a tool: the question with its approval link reaches the sandbox, the
// execution waits, the suite confirms the link, and the approval reaches the model.
'use strict';
const { randomUUID } = require('node:crypto');
const { withCredential } = require('../../dev/n8n-start');
const { createOpenAiStub } = require('../openai-stub');

const CUSTOMER = '15557770001';
const TEXT = 'Hello from the agent';
const TOOL_DESCRIPTION =
	'Send a text message to the customer in this conversation. Works only within 24 hours of the customer\'s last message; otherwise send an approved template.';

/** Webhook -> AI Agent (OpenAI Chat Model + Fiwano Send Text as a tool), answering with the agent's output. */
function agentWorkflow(path, openAiCredential) {
	const body = "$('Webhook').first().json.body";
	return {
		name: 'E2E: AI Agent with the Fiwano tool',
		nodes: [
			{ id: randomUUID(), name: 'Webhook', type: 'n8n-nodes-base.webhook', typeVersion: 2, position: [0, 0], webhookId: randomUUID(), parameters: { httpMethod: 'POST', path, responseMode: 'lastNode', options: {} } },
			{ id: randomUUID(), name: 'Support Agent', type: '@n8n/n8n-nodes-langchain.agent', typeVersion: 3.1, position: [260, 0], parameters: { promptType: 'define', text: '={{ $json.body.text }}', options: { systemMessage: 'You answer customers. Use the tool to reply.' } } },
			{ id: randomUUID(), name: 'OpenAI Chat Model', type: '@n8n/n8n-nodes-langchain.lmChatOpenAi', typeVersion: 1.3, position: [180, 220], parameters: { model: { __rl: true, mode: 'id', value: 'gpt-4o-mini' }, options: {} }, credentials: { openAiApi: { id: openAiCredential.id, name: openAiCredential.name } } },
			{
				id: randomUUID(),
				name: 'Send Reply',
				type: 'n8n-nodes-fiwano.fiwanoTool',
				typeVersion: 3,
				position: [380, 220],
				onError: 'continueRegularOutput',
				parameters: {
					descriptionType: 'manual',
					toolDescription: TOOL_DESCRIPTION,
					resource: 'message',
					operation: 'sendText',
					channelId: { __rl: true, mode: 'id', value: `={{ ${body}.channel }}` },
					recipient: `={{ ${body}.to }}`,
					text: "={{ $fromAI('text', 'The message to send, plain text', 'string') }}",
					options: {},
				},
				credentials: { fiwanoApi: { id: 'fiwanoCredential', name: 'Fiwano account' } },
			},
		],
		connections: {
			Webhook: { main: [[{ node: 'Support Agent', type: 'main', index: 0 }]] },
			'OpenAI Chat Model': { ai_languageModel: [[{ node: 'Support Agent', type: 'ai_languageModel', index: 0 }]] },
			'Send Reply': { ai_tool: [[{ node: 'Support Agent', type: 'ai_tool', index: 0 }]] },
		},
		settings: { executionOrder: 'v1' },
	};
}

const MANAGER = '15557770009';
const QUESTION = 'May I refund order 1234 in full?';

/** Webhook (answers at once) -> AI Agent with Fiwano Send and Wait (Approval) as its only tool. */
function approvalWorkflow(path, openAiCredential) {
	const body = "$('Webhook').first().json.body";
	const workflow = agentWorkflow(path, openAiCredential);
	workflow.name = 'E2E: AI Agent asks for approval with the Fiwano tool';
	workflow.nodes[0].parameters.responseMode = 'onReceived';
	Object.assign(workflow.nodes[3], {
		name: 'Ask Manager',
		onError: undefined,
		parameters: {
			descriptionType: 'manual',
			toolDescription: 'Ask the manager to approve an action. Returns approved: true or false.',
			resource: 'message',
			operation: 'sendAndWait',
			channelId: { __rl: true, mode: 'id', value: `={{ ${body}.channel }}` },
			recipient: `={{ ${body}.to }}`,
			message: "={{ $fromAI('question', 'The question for the manager', 'string') }}",
			responseType: 'approval',
			approvalOptions: { values: { approvalType: 'double' } },
			options: {},
		},
	});
	delete workflow.nodes[3].onError;
	workflow.connections = {
		Webhook: workflow.connections.Webhook,
		'OpenAI Chat Model': workflow.connections['OpenAI Chat Model'],
		'Ask Manager': { ai_tool: [[{ node: 'Support Agent', type: 'ai_tool', index: 0 }]] },
	};
	return workflow;
}

/** Send and Wait as the agent's tool: question sent, execution waits, approval resumes it. */
async function approvalCheck(ctx) {
	const { check, assert, waitFor, sb, client, n8n, messagesTo } = ctx;
	const { WA } = ctx.ids;
	const stub = createOpenAiStub({ pickTool: (tools) => tools[0], toolArguments: { question: QUESTION } });
	const { url: stubUrl } = await stub.start(0);
	const path = `e2e-ai-agent-approval-${Date.now()}`;
	let wf;
	const execution = async (id) => client.api('GET', `/executions/${id}`, undefined, { includeData: 'true' });
	try {
		await check('AI Agent with Fiwano Send and Wait (Approval) as a tool publishes', async () => {
			const openAi = await client.createCredential('OpenAI stub (approval)', 'openAiApi', { apiKey: 'sk-stub', url: `${stubUrl}/v1`, header: false });
			wf = await client.importWorkflow(withCredential(approvalWorkflow(path, openAi), n8n.credential));
			await client.activate(wf.id);
		});
		if (!wf) return;

		await check('the agent\'s Send and Wait tool sends the approval link, waits, and the approval reaches the model', async () => {
			const before = (await messagesTo(WA, MANAGER)).length;
			const requestsBefore = (await sb('GET', '/_sandbox/requests')).requests.length;
			const res = await fetch(`${n8n.url}/webhook/${path}`, {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify({ text: 'Customer wants a refund for order 1234', channel: WA, to: MANAGER }),
			});
			assert(res.status === 200, `webhook -> ${res.status} ${await res.text()}`);
			const asked = await waitFor('the question to the manager', async () => {
				const sent = await messagesTo(WA, MANAGER);
				return sent.length > before ? sent[sent.length - 1] : undefined;
			}, 30000).catch(async (e) => {
				const list = (await client.api('GET', '/executions', undefined, { workflowId: wf.id, includeData: 'true', limit: '5' })).data || [];
				throw new Error(`${e.message}; executions: ${JSON.stringify(list.map((x) => ({ id: x.id, status: x.status, error: x.data?.resultData?.error?.message })))}`);
			});
			const text = asked.request.text;
			assert(text.startsWith(QUESTION), `question ${JSON.stringify(text)}`);
			const approve = (text.match(/^Approve: (\S+)$/m) || [])[1];
			assert(/^Decline: \S+\?approved=false&signature=[0-9a-f]{64}$/m.test(text), `no Decline link in ${JSON.stringify(text)}`);
			assert(approve && /\/webhook-waiting\/\d+\/[^?]+\?approved=true&signature=[0-9a-f]{64}$/.test(approve), `no signed Approve link in ${JSON.stringify(text)}`);
			const waiting = await waitFor('a waiting execution', async () => {
				const list = (await client.api('GET', '/executions', undefined, { workflowId: wf.id, limit: '10' })).data || [];
				return list.find((e) => e.status === 'waiting') || list.find((e) => e.status === 'error' || e.status === 'success');
			}, 30000);
			assert(waiting.status === 'waiting', `execution ${waiting.id} is ${waiting.status}: ${JSON.stringify((await execution(waiting.id)).data?.resultData?.error)}`);
			assert(stub.requests.length === 1, `model called ${stub.requests.length} times before the answer`);

			const page = await fetch(approve);
			assert(page.status === 200, `GET link -> ${page.status}`);
			const answered = await fetch(approve, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: '' });
			const answerHtml = await answered.text();
			assert(answered.status === 200, `POST link -> ${answered.status} ${answerHtml.slice(0, 200)}`);
			const done = await waitFor(`execution ${waiting.id} to finish`, async () => {
				const e = await execution(waiting.id);
				return e.status === 'success' || e.status === 'error' || e.status === 'crashed' ? e : undefined;
			}, 60000);
			const runData = done.data?.resultData?.runData || {};
			const agentOut = runData['Support Agent']?.at(-1)?.data?.main?.[0]?.[0]?.json;
			assert(done.status === 'success', `execution ${done.status}: ${JSON.stringify(done.data?.resultData?.error)}`);
			assert(stub.requests.length === 2, `model called ${stub.requests.length} times: ${JSON.stringify(stub.requests.map((r) => r.decision))}`);
			const [result] = stub.requests[1].toolResults;
			assert(result && /"approved":\s*true/.test(result), `the model received: ${JSON.stringify(result)}`);
			assert(agentOut && String(agentOut.output).includes('The tool answered'), `agent output ${JSON.stringify(agentOut)}`);
			const sends = (await sb('GET', '/_sandbox/requests')).requests.slice(requestsBefore).filter((r) => r.method === 'POST' && /\/messages\/send$/.test(r.path));
			assert(sends.length === 1 && sends[0].client === 'n8n-nodes-fiwano', `sends by the tool: ${JSON.stringify(sends.map((r) => r.client))}`);
			return `execution ${waiting.id} waited, resumed after the approval; the model received: ${result.slice(0, 200)}`;
		});
	} finally {
		if (wf) await client.deactivate(wf.id).catch(() => {});
		await stub.stop();
	}
}

/** ctx: see scripts/e2e/suites/README.md. */
async function run(ctx) {
	const { check, assert, sb, client, n8n, messagesTo } = ctx;
	const { WA } = ctx.ids;
	const stub = createOpenAiStub({
		pickTool: (tools) => tools.find((t) => /send/i.test(t.name)),
		toolArguments: { text: TEXT },
	});
	const { url: stubUrl } = await stub.start(0);
	const path = `e2e-ai-agent-${Date.now()}`;
	let wf;
	const ask = async (text) => {
		const from = stub.requests.length;
		const res = await fetch(`${n8n.url}/webhook/${path}`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ text, channel: WA, to: CUSTOMER }),
		});
		const answer = await res.json().catch(() => undefined);
		return { status: res.status, answer, requests: stub.requests.slice(from) };
	};

	try {
		await check('AI Agent workflow (OpenAI Chat Model on a loopback stub, Fiwano tool) publishes', async () => {
			const openAi = await client.createCredential('OpenAI stub', 'openAiApi', { apiKey: 'sk-stub', url: `${stubUrl}/v1`, header: false });
			wf = await client.importWorkflow(withCredential(agentWorkflow(path, openAi), n8n.credential));
			await client.activate(wf.id);
		});
		if (!wf) return;

		let first;
		await check('the model calls the Fiwano tool, the send reaches the sandbox, the result reaches the model', async () => {
			const before = (await messagesTo(WA, CUSTOMER)).length;
			first = await ask('Hi, where is my order?');
			assert(first.status === 200, `webhook -> ${first.status} ${JSON.stringify(first.answer)}`);
			assert(first.requests.length === 2, `model called ${first.requests.length} times: ${JSON.stringify(first.requests.map((r) => r.decision))}`);
			const sent = await messagesTo(WA, CUSTOMER);
			assert(sent.length === before + 1, `expected one new message to ${CUSTOMER}, found ${sent.length - before}`);
			assert(sent[sent.length - 1].request.text === TEXT, `sent text ${JSON.stringify(sent[sent.length - 1].request.text)}`);
			const [result] = first.requests[1].toolResults;
			assert(result && result.includes(sent[sent.length - 1].message_id), `tool result without the message ID: ${result}`);
			assert(JSON.stringify(first.answer).includes('The tool answered'), `agent output ${JSON.stringify(first.answer)}`);
			return `${first.requests[0].api} API; tool result: ${result.slice(0, 160)}`;
		});

		await check('the model sees the tool name, the description set on the node and only the $fromAI parameter', async () => {
			const tools = first.requests[0].tools;
			const tool = tools.find((t) => /send/i.test(t.name));
			assert(tool, `tools: ${JSON.stringify(tools.map((t) => t.name))}`);
			assert(tool.description === TOOL_DESCRIPTION, `description ${JSON.stringify(tool.description)}`);
			const params = Object.keys((tool.parameters && tool.parameters.properties) || {});
			assert(JSON.stringify(params) === '["text"]', `parameters ${JSON.stringify(params)}`);
			assert(tool.parameters.properties.text.description === 'The message to send, plain text', JSON.stringify(tool.parameters));
			return `tool ${tool.name}(${params.join(', ')})`;
		});

		await check('a send refused with Meta 131047 reaches the model as text that says to send a template', async () => {
			await sb('POST', '/_sandbox/faults', { failNextSend: { error_code: 131047, recipient: CUSTOMER } });
			const second = await ask('Are you there?');
			assert(second.status === 200, `webhook -> ${second.status} ${JSON.stringify(second.answer)}`);
			assert(second.requests.length === 2, `model called ${second.requests.length} times`);
			const [result] = second.requests[1].toolResults;
			assert(typeof result === 'string' && /template/i.test(result), `the model received: ${JSON.stringify(result)}`);
			assert(result.includes('131047'), `no Meta code in: ${result}`);
			return `the model received: ${result}`;
		});
	} finally {
		if (wf) await client.deactivate(wf.id).catch(() => {});
		await sb('POST', '/_sandbox/faults', { clear: true }).catch(() => {});
		await stub.stop();
	}
	await approvalCheck(ctx);
}

module.exports = { run, needsN8n2: 'AI Agent 3 and the OpenAI Chat Model 1.3 of the example' };
