import type nock from 'nock';
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { API_KEY, runFiwano } from '../helpers/run-node';
import { anyRequest, api, byId, errorOf, expectNoSecret } from './fiwano-test-utils';

const SEND_TEMPLATE = '/api/v1/messages/send-template';

const sendTemplate = (overrides: INodeParameters = {}): INodeParameters => ({
	resource: 'message',
	operation: 'sendTemplate',
	channelId: byId('a1b2c3d4e5f67890'),
	recipient: '1234567890',
	template: { __rl: true, mode: 'list', value: 'order_confirmation|en_US' },
	...overrides,
});

const body = (extra: nock.DataMatcherMap = {}): nock.DataMatcherMap => ({
	channel_id: 'a1b2c3d4e5f67890',
	recipient: '1234567890',
	template_name: 'order_confirmation',
	language: 'en_US',
	...extra,
});

describe('Message > Send Template', () => {
	it('sends template_name and language from a list value "name|language", without variables for {}', async () => {
		const response = { success: true, message_id: 'c3d4e5f6-a7b8-9012-cdef-123456789012' };
		const scope = api()
			.post(SEND_TEMPLATE, (sent: IDataObject) => {
				expect(sent).toEqual(body());
				expect('variables' in sent).toBe(false);
				return true;
			})
			.reply(200, response);

		const result = await runFiwano(sendTemplate({ variablesMode: 'json', variablesJson: '{}' }));

		scope.done();
		expect(result.items).toEqual([{ json: response, pairedItem: { item: 0 } }]);
		expectNoSecret(result);
	});

	it('ignores the Language field when the list value fixes the language', async () => {
		const scope = api().post(SEND_TEMPLATE, body({ language: 'es' })).reply(200, { success: true, message_id: 'm1' });

		const result = await runFiwano(
			sendTemplate({ template: { __rl: true, mode: 'list', value: 'order_confirmation|es' }, language: 'en_US' }),
		);

		scope.done();
		expect(result.items).toEqual([{ json: { success: true, message_id: 'm1' }, pairedItem: { item: 0 } }]);
	});

	it('sends a template given by name with the Language field, to the credential base URL', async () => {
		const scope = api('https://proxy.example.test')
			.post(SEND_TEMPLATE, body({ template_name: 'welcome_message', language: 'pt_BR' }))
			.reply(200, { success: true, message_id: 'm1' });

		const result = await runFiwano(
			sendTemplate({
				template: { __rl: true, mode: 'name', value: ' welcome_message ' },
				language: ' pt_BR ',
			}),
			{ credentials: { apiKey: API_KEY, baseUrl: 'https://proxy.example.test/' } },
		);

		scope.done();
		expect(result.items).toEqual([{ json: { success: true, message_id: 'm1' }, pairedItem: { item: 0 } }]);
	});

	it.each([
		[
			'positional',
			{ header: ['Summer Sale'], body: ['Pablo', 'ORD-123', '25%'], buttons: [{ index: 0, value: 'promo25' }] },
		],
		['named', { body: { customer_name: 'Pablo', order_number: 'ORD-123' } }],
		['buttons only', { buttons: [{ index: 1, value: 'https://example.com/track/1' }] }],
	])('sends %s variables exactly as given', async (_label, variables) => {
		const scope = api().post(SEND_TEMPLATE, body({ variables })).reply(200, { success: true, message_id: 'm1' });

		const result = await runFiwano(sendTemplate({ variablesMode: 'json', variablesJson: JSON.stringify(variables, null, 2) }));

		scope.done();
		expect(result.items).toEqual([{ json: { success: true, message_id: 'm1' }, pairedItem: { item: 0 } }]);
	});

	it('accepts variables already given as an object by an expression', async () => {
		const variables = { body: ['Pablo'] };
		const scope = api().post(SEND_TEMPLATE, body({ variables })).reply(200, { success: true, message_id: 'm1' });

		const result = await runFiwano(sendTemplate({ variablesMode: 'json', variablesJson: '={{ $json.variables }}' }), {
			input: [{ variables }],
		});

		scope.done();
		expect(result.items).toEqual([{ json: { success: true, message_id: 'm1' }, pairedItem: { item: 0 } }]);
	});

	it('omits variables for a blank JSON field', async () => {
		const scope = api()
			.post(SEND_TEMPLATE, (sent: IDataObject) => !('variables' in sent) && sent.template_name === 'order_confirmation')
			.reply(200, { success: true, message_id: 'm1' });

		const result = await runFiwano(sendTemplate({ variablesMode: 'json', variablesJson: '  ' }));

		scope.done();
		expect(result.items).toHaveLength(1);
	});

	it('refuses an empty language for a template given by name, before any request', async () => {
		const scope = anyRequest();

		const result = await runFiwano(
			sendTemplate({ template: { __rl: true, mode: 'name', value: 'welcome_message' }, language: '' }),
		);

		expect(scope.isDone()).toBe(false);
		const error = errorOf(result);
		expect(error.message).toBe('Language: is empty for template "welcome_message"');
		expect(error.description).toContain('e.g. en_US');
		expect(error.context?.itemIndex).toBe(0);
	});

	it('refuses an empty template name from an expression, before any request', async () => {
		const scope = anyRequest();

		const result = await runFiwano(
			sendTemplate({ template: { __rl: true, mode: 'name', value: '={{ $json.template }}' }, language: 'en_US' }),
			{ input: [{ template: '' }] },
		);

		expect(scope.isDone()).toBe(false);
		const error = errorOf(result);
		expect(error.message).toBe('Template: is empty');
		expect(error.description).toBe('Pick an approved template from the list or enter its name.');
	});

	it.each([
		['invalid JSON', '{"body": ["Pablo",]}', /^Variables \(JSON\): is not valid JSON \(/],
		['a JSON array', '["Pablo"]', /^Variables \(JSON\): must be a JSON object keyed by header, body and buttons$/],
		['a JSON string', '"Pablo"', /^Variables \(JSON\): must be a JSON object keyed by header, body and buttons$/],
		['JSON null', 'null', /^Variables \(JSON\): must be a JSON object keyed by header, body and buttons$/],
	])('refuses %s as variables before any request, naming "Variables (JSON)"', async (_label, variablesJson, message) => {
		const scope = anyRequest();

		const result = await runFiwano(sendTemplate({ variablesMode: 'json', variablesJson }));

		expect(scope.isDone()).toBe(false);
		expect(result.items).toEqual([]);
		const error = errorOf(result);
		expect(error.message).toMatch(message);
		expect(error.description).toContain('Enter JSON such as {"header": ["Summer Sale"]');
		expectNoSecret(result);
	});

	it('makes a failed template send (131026) a node error', async () => {
		const scope = api()
			.post(SEND_TEMPLATE, body())
			.reply(200, { success: false, status: 'failed', error_code: 131026, error: 'Recipient invalid' });

		const result = await runFiwano(sendTemplate());

		scope.done();
		const error = errorOf(result);
		expect(error.message).toBe('Message not sent (Meta error 131026): Recipient invalid. The recipient cannot be messaged on WhatsApp: check the number (digits only, with country code).');
		expect(error.description).toContain('not a valid WhatsApp user');
	});
});
