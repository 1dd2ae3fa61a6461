// A scripted OpenAI-compatible model on loopback for the e2e AI Agent suite (no network).
// Speaks the Responses API (POST /v1/responses, what n8n's OpenAI Chat Model 1.3 calls by
// default) and Chat Completions (POST /v1/chat/completions, with Use Responses API off), both
// plain JSON and streamed (SSE). Every request is recorded. The script is fixed: a request
// without a tool result answers with one call of the tool `pickTool(tools)` chooses, with
// `toolArguments`; a request that carries a tool result answers with a final text that quotes it.
'use strict';
const http = require('node:http');

/** Tools of a request as { name, description, parameters }, whichever API sent them. */
function toolsOf(body) {
	return (body.tools || []).map((t) => {
		const fn = t.function || t;
		return { name: fn.name, description: fn.description, parameters: fn.parameters };
	});
}

/** The tool results a request hands back to the model, as text. */
function toolResultsOf(body) {
	const text = (v) => (typeof v === 'string' ? v : JSON.stringify(v));
	if (Array.isArray(body.input)) {
		return body.input.filter((i) => i && i.type === 'function_call_output').map((i) => text(i.output));
	}
	return (body.messages || []).filter((m) => m.role === 'tool').map((m) => text(m.content));
}

function createOpenAiStub(options = {}) {
	const requests = [];
	const pickTool = options.pickTool || ((tools) => tools[0]);
	const toolArguments = options.toolArguments || {};
	const finalText = options.finalText || ((result) => `The tool answered: ${result}`);
	let server;
	let seq = 0;

	/** The scripted decision for one request: a tool call, or the final text. */
	function decide(body) {
		const results = toolResultsOf(body);
		if (results.length) return { text: finalText(results[results.length - 1]) };
		const tool = pickTool(toolsOf(body));
		if (!tool) return { text: 'I have no tool to use.' };
		return { call: { id: `call_${++seq}`, name: tool.name, arguments: JSON.stringify(toolArguments) } };
	}

	function responsesAnswer(body, decision) {
		const output = decision.call
			? [{ type: 'function_call', id: `fc_${seq}`, call_id: decision.call.id, name: decision.call.name, arguments: decision.call.arguments, status: 'completed' }]
			: [{ type: 'message', id: `msg_${++seq}`, role: 'assistant', status: 'completed', content: [{ type: 'output_text', text: decision.text, annotations: [] }] }];
		return {
			id: `resp_${++seq}`,
			object: 'response',
			created_at: Math.floor(Date.now() / 1000),
			status: 'completed',
			model: body.model || 'gpt-4o-mini',
			output,
			output_text: decision.text || '',
			parallel_tool_calls: true,
			tool_choice: 'auto',
			tools: body.tools || [],
			usage: { input_tokens: 10, output_tokens: 5, total_tokens: 15, input_tokens_details: { cached_tokens: 0 }, output_tokens_details: { reasoning_tokens: 0 } },
		};
	}

	function chatAnswer(body, decision) {
		const message = decision.call
			? { role: 'assistant', content: null, tool_calls: [{ id: decision.call.id, type: 'function', function: { name: decision.call.name, arguments: decision.call.arguments } }] }
			: { role: 'assistant', content: decision.text };
		return {
			id: `chatcmpl_${++seq}`,
			object: 'chat.completion',
			created: Math.floor(Date.now() / 1000),
			model: body.model || 'gpt-4o-mini',
			choices: [{ index: 0, message, finish_reason: decision.call ? 'tool_calls' : 'stop' }],
			usage: { prompt_tokens: 10, completion_tokens: 5, total_tokens: 15 },
		};
	}

	/** Server-sent events for a streamed request: the same answer as the plain one, in events. */
	function stream(res, api, answer) {
		res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
		const send = (event) => res.write(`${event.type ? `event: ${event.type}\n` : ''}data: ${JSON.stringify(event)}\n\n`);
		if (api === 'responses') {
			send({ type: 'response.created', response: { ...answer, status: 'in_progress', output: [] } });
			answer.output.forEach((item, output_index) => {
				send({ type: 'response.output_item.added', output_index, item: item.type === 'message' ? { ...item, content: [] } : { ...item, arguments: '' } });
				if (item.type === 'message') {
					send({ type: 'response.output_text.delta', item_id: item.id, output_index, content_index: 0, delta: item.content[0].text });
				} else {
					send({ type: 'response.function_call_arguments.delta', item_id: item.id, output_index, delta: item.arguments });
					send({ type: 'response.function_call_arguments.done', item_id: item.id, output_index, arguments: item.arguments });
				}
				send({ type: 'response.output_item.done', output_index, item });
			});
			send({ type: 'response.completed', response: answer });
		} else {
			const choice = answer.choices[0];
			const delta = choice.message.tool_calls
				? { role: 'assistant', tool_calls: choice.message.tool_calls.map((c, index) => ({ index, ...c })) }
				: { role: 'assistant', content: choice.message.content };
			res.write(`data: ${JSON.stringify({ ...answer, object: 'chat.completion.chunk', choices: [{ index: 0, delta, finish_reason: null }] })}\n\n`);
			res.write(`data: ${JSON.stringify({ ...answer, object: 'chat.completion.chunk', choices: [{ index: 0, delta: {}, finish_reason: choice.finish_reason }] })}\n\n`);
			res.write('data: [DONE]\n\n');
		}
		res.end();
	}

	async function handle(req, res) {
		const chunks = [];
		for await (const c of req) chunks.push(c);
		const raw = Buffer.concat(chunks).toString('utf8');
		const body = raw ? JSON.parse(raw) : {};
		const path = req.url.split('?')[0];
		const api = path.endsWith('/responses') ? 'responses' : path.endsWith('/chat/completions') ? 'chat' : undefined;
		if (req.method === 'GET' && path.endsWith('/models')) {
			res.writeHead(200, { 'content-type': 'application/json' });
			return res.end(JSON.stringify({ object: 'list', data: [{ id: 'gpt-4o-mini', object: 'model', owned_by: 'stub' }] }));
		}
		if (req.method !== 'POST' || !api) {
			res.writeHead(404, { 'content-type': 'application/json' });
			return res.end(JSON.stringify({ error: { message: `stub: no ${req.method} ${path}` } }));
		}
		const decision = decide(body);
		requests.push({ api, path, body, tools: toolsOf(body), toolResults: toolResultsOf(body), decision });
		const answer = api === 'responses' ? responsesAnswer(body, decision) : chatAnswer(body, decision);
		if (body.stream) return stream(res, api, answer);
		res.writeHead(200, { 'content-type': 'application/json' });
		res.end(JSON.stringify(answer));
	}

	return {
		requests,
		async start(port = 0) {
			server = http.createServer((req, res) =>
				handle(req, res).catch((e) => {
					res.writeHead(500, { 'content-type': 'application/json' });
					res.end(JSON.stringify({ error: { message: `stub: ${e.message}` } }));
				}),
			);
			await new Promise((resolve) => server.listen(port, '127.0.0.1', resolve));
			return { url: `http://127.0.0.1:${server.address().port}` };
		},
		async stop() {
			if (server) await new Promise((resolve) => server.close(resolve));
		},
	};
}

module.exports = { createOpenAiStub, toolsOf, toolResultsOf };
