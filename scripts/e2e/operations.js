// One workflow with a Webhook node per action-node operation: each webhook runs one Fiwano
// node (parameters from the request's query) and answers with its output items.
'use strict';
const { randomUUID } = require('node:crypto');

const q = (name) => `={{ $json.query.${name} }}`;
const byId = (name) => ({ __rl: true, mode: 'id', value: q(name) });

/** [resource, operation, parameters] for every operation of the Fiwano node. */
const OPERATIONS = [
	['message', 'sendText', { channelId: byId('channel'), recipient: q('to'), text: q('text'), options: {} }],
	['message', 'sendMedia', { channelId: byId('channel'), recipient: q('to'), mediaType: 'image', mediaUrl: 'https://example.com/photo.jpg', options: { caption: 'A photo' } }],
	['message', 'sendTemplate', { channelId: byId('channel'), recipient: q('to'), template: { __rl: true, mode: 'name', value: 'welcome_message' }, language: 'en_US', variablesMode: 'json', variablesJson: '{"body": {"customer_name": "Pablo", "order_number": "ORD-1"}}', options: {} }],
	['media', 'download', { mediaId: q('media'), binaryPropertyName: 'data' }],
	['channel', 'getAll', { returnAll: true, filters: { activeOnly: false } }],
	['channel', 'get', { channelId: byId('channel') }],
	['channel', 'update', { channelId: byId('channel'), updateFields: { webhookUrl: 'http://localhost:9/e2e', webhookEvents: ['message.received'], webhookSecret: 'e2e-secret-0123456789' } }],
	['channel', 'generateOAuthUrl', { channelType: 'instagram', redirectUri: 'http://localhost:5678/callback' }],
	['channel', 'exchangeOAuthCode', { code: q('code'), webhook: {} }],
	['channel', 'delete', { channelId: byId('channel') }],
	['contact', 'getProfile', { channelId: byId('channel'), userId: q('user') }],
	['template', 'create', { channelId: byId('channel'), name: q('name'), category: 'UTILITY', language: 'en_US', componentsMode: 'fields', bodyText: 'Hi {{1}}, order {{2}} shipped.', bodyExamples: 'Pablo, ORD-1' }],
	['template', 'getAll', { channelId: byId('channel'), returnAll: true, filters: {} }],
	['template', 'get', { channelId: byId('channel'), templateId: byId('template') }],
	['template', 'update', { channelId: byId('channel'), templateId: byId('template'), componentsMode: 'fields', bodyText: 'Hello {{1}}, order {{2}} is on its way.', bodyExamples: 'Pablo, ORD-1', updateFields: {} }],
	['template', 'delete', { channelId: byId('channel'), templateId: byId('template'), allLanguages: false }],
	['redirect', 'add', { uriPattern: 'https://e2e.example.com/callback' }],
	['redirect', 'getAll', { returnAll: true }],
	['redirect', 'delete', { redirectId: byId('redirect') }],
	['subscription', 'getAll', {}],
];

const pathOf = (resource, operation) => `e2e-${resource}-${operation}`.toLowerCase();

function operationsWorkflow(credential) {
	const nodes = [];
	const connections = {};
	OPERATIONS.forEach(([resource, operation, parameters], i) => {
		const hook = `Hook ${resource} ${operation}`;
		const op = `Fiwano ${resource} ${operation}`;
		nodes.push({
			id: randomUUID(),
			name: hook,
			type: 'n8n-nodes-base.webhook',
			typeVersion: 2,
			position: [0, i * 160],
			webhookId: randomUUID(),
			parameters: { httpMethod: 'GET', path: pathOf(resource, operation), responseMode: 'lastNode', responseData: 'allEntries', options: {} },
		});
		nodes.push({
			id: randomUUID(),
			name: op,
			type: 'n8n-nodes-fiwano.fiwano',
			typeVersion: 3,
			position: [300, i * 160],
			credentials: { fiwanoApi: { id: credential.id, name: credential.name } },
			parameters: { resource, operation, ...parameters },
		});
		connections[hook] = { main: [[{ node: op, type: 'main', index: 0 }]] };
	});
	return { name: 'E2E: every Fiwano operation', nodes, connections, settings: { executionOrder: 'v1' } };
}

module.exports = { OPERATIONS, operationsWorkflow, pathOf };
