import nock from 'nock';
import type { INodeParameters } from 'n8n-workflow';

import { fiwanoNode } from '../helpers/node-types';
import { fieldsFromSummary } from '../../nodes/Fiwano/v3/resourceMapping/templateVariables';
import { createLoadOptionsContext } from '../helpers/load-options';
import { runFiwano } from '../helpers/run-node';
import { api, byId, errorOf } from './fiwano-test-utils';

const WA = 'a1b2c3d4e5f67890';
const LIST = `/api/v1/channels/${WA}/templates`;
const SEND = '/api/v1/messages/send-template';

const orderConfirmation = {
	name: 'order_confirmation',
	language: 'en_US',
	category: 'UTILITY',
	status: 'APPROVED',
	parameter_format: 'positional',
	variables: {
		total_count: 5,
		parameter_format: 'positional',
		header: [{ position: 1, name: null, example: 'Summer Sale' }],
		body: [
			{ position: 1, name: null, example: 'Pablo' },
			{ position: 2, name: null, example: 'ORD-123' },
			{ position: 3, name: null, example: null },
		],
		buttons: [
			{ index: 0, type: 'URL', text: 'Track', position: 1, name: null, example: 'promo25' },
		],
	},
};
const welcome = {
	name: 'welcome_message',
	language: 'en_US',
	category: 'MARKETING',
	status: 'APPROVED',
	parameter_format: 'named',
	variables: {
		total_count: 2,
		parameter_format: 'named',
		header: [],
		body: [
			{ position: 1, name: 'customer_name', example: 'Pablo' },
			{ position: 2, name: 'order_number', example: 'ORD-123' },
		],
		buttons: [],
	},
};
const hello = {
	name: 'hello_world',
	language: 'en_US',
	category: 'UTILITY',
	status: 'APPROVED',
	variables: { total_count: 0, header: [], body: [], buttons: [] },
};
const templates = [orderConfirmation, welcome, hello];

async function loadFields(template: string, extra: INodeParameters = {}) {
	const context = createLoadOptionsContext({
		parameters: {
			resource: 'message',
			operation: 'sendTemplate',
			channelId: byId(WA),
			template: { __rl: true, mode: 'list', value: template },
			...extra,
		},
		path: 'templateVariables',
	});
	return await fiwanoNode().methods.resourceMapping.getTemplateVariables.call(context);
}

const sendTemplate = (
	template: string,
	value: Record<string, string> | null,
	schemaFrom = fieldsFromSummary(orderConfirmation.variables),
): INodeParameters => ({
	resource: 'message',
	operation: 'sendTemplate',
	channelId: byId(WA),
	recipient: '15551234567',
	template: { __rl: true, mode: 'list', value: template },
	templateVariables: {
		mappingMode: 'defineBelow',
		value,
		matchingColumns: [],
		schema: schemaFrom,
		attemptToConvertTypes: false,
		convertFieldsToString: true,
	},
});

describe('Send Template variables form', () => {
	it('builds fields from the positional summary: short labels, a short example after a dot, buttons counted from 1', async () => {
		const scope = api()
			.get(LIST)
			.query({ sync: 'false', status: 'APPROVED' })
			.reply(200, { templates });
		const { fields } = await loadFields('order_confirmation|en_US');
		scope.done();
		expect(
			fields.map(({ id, displayName, required, type }) => ({ id, displayName, required, type })),
		).toEqual([
			{ id: 'header_1', displayName: 'Header 1 · Summer Sale', required: true, type: 'string' },
			{ id: 'body_1', displayName: 'Body 1 · Pablo', required: true, type: 'string' },
			{ id: 'body_2', displayName: 'Body 2 · ORD-123', required: true, type: 'string' },
			{ id: 'body_3', displayName: 'Body 3', required: true, type: 'string' },
			{
				id: 'button_0',
				displayName: 'Button 1 URL suffix · promo25',
				required: true,
				type: 'string',
			},
		]);
	});

	it('builds named fields, and none for a template without variables', async () => {
		api().get(LIST).query(true).times(2).reply(200, { templates });
		expect(
			(await loadFields('welcome_message|en_US')).fields.map((f) => [f.id, f.displayName]),
		).toEqual([
			['body_customer_name', 'Body customer_name · Pablo'],
			['body_order_number', 'Body order_number · ORD-123'],
		]);
		expect(await loadFields('hello_world|en_US')).toEqual({
			fields: [],
			emptyFieldsNotice: 'hello_world (en_US) has no variables; it is sent as it is.',
		});
	});

	it('offers nothing for a template that is not APPROVED, or before a template is chosen', async () => {
		api()
			.get(LIST)
			.query(true)
			.reply(200, { templates: [{ ...welcome, name: 'summer_promo', status: 'PENDING' }] });
		expect((await loadFields('summer_promo|en_US')).emptyFieldsNotice).toBe(
			'No APPROVED template "summer_promo" in en_US on this channel. Only approved templates can be sent.',
		);
		expect(await loadFields('')).toEqual({
			fields: [],
			emptyFieldsNotice: 'Select a channel and a template first.',
		});
		api().get(LIST).query(true).reply(200, { templates });
		const byName = await loadFields('', {
			template: { __rl: true, mode: 'name', value: 'welcome_message' },
			language: 'en_US',
		});
		expect(byName.fields).toHaveLength(2);
	});

	it('sends the documented positional shape', async () => {
		const scope = api()
			.post(SEND, {
				channel_id: WA,
				recipient: '15551234567',
				template_name: 'order_confirmation',
				language: 'en_US',
				variables: {
					header: ['Summer Sale'],
					body: ['Pablo', 'ORD-123', '25%'],
					buttons: [{ index: 0, value: 'promo25' }],
				},
			})
			.reply(200, { success: true, message_id: 't1' });
		const result = await runFiwano(
			sendTemplate('order_confirmation|en_US', {
				body_3: '25%',
				button_0: 'promo25',
				body_2: 'ORD-123',
				header_1: 'Summer Sale',
				body_1: '={{ $json.name }}',
			}),
			{ input: [{ name: 'Pablo' }] },
		);
		scope.done();
		expect(result.items[0].json).toEqual({ success: true, message_id: 't1' });
	});

	it('sends the documented named shape', async () => {
		const scope = api()
			.post(SEND, {
				channel_id: WA,
				recipient: '15551234567',
				template_name: 'welcome_message',
				language: 'en_US',
				variables: { body: { customer_name: 'Pablo', order_number: 'ORD-123' } },
			})
			.reply(200, { success: true, message_id: 't2' });
		const result = await runFiwano(
			sendTemplate(
				'welcome_message|en_US',
				{ customer_x: 'ignored', body_customer_name: 'Pablo', body_order_number: 'ORD-123' },
				fieldsFromSummary(welcome.variables),
			),
		);
		scope.done();
		expect(result.error).toBeUndefined();
	});

	it('sends no variables for a template without any', async () => {
		const scope = api()
			.post(SEND, {
				channel_id: WA,
				recipient: '15551234567',
				template_name: 'hello_world',
				language: 'en_US',
			})
			.reply(200, { success: true, message_id: 't3' });
		const result = await runFiwano(sendTemplate('hello_world|en_US', null, []));
		scope.done();
		expect(result.error).toBeUndefined();
	});

	it('refuses an empty variable before any request, naming it', async () => {
		const anything = nock(/.*/).post(/.*/).reply(200, {});
		const result = await runFiwano(
			sendTemplate('order_confirmation|en_US', {
				header_1: 'Sale',
				body_1: 'Pablo',
				body_2: ' ',
				body_3: 'x',
				button_0: 'p',
			}),
		);
		expect(anything.isDone()).toBe(false);
		expect(errorOf(result).message).toBe('Template Variables: "Body 2 · ORD-123" is empty');
	});

	it('reads values without a schema (set by expression) by their field ids', async () => {
		const scope = api()
			.post(
				SEND,
				(body) =>
					JSON.stringify(body.variables) ===
					JSON.stringify({ body: ['b1', 'b2'], buttons: [{ index: 1, value: 'x' }] }),
			)
			.reply(200, { success: true, message_id: 't4' });
		const result = await runFiwano(
			sendTemplate('order_confirmation|en_US', { body_2: 'b2', button_1: 'x', body_1: 'b1' }, []),
		);
		scope.done();
		expect(result.error).toBeUndefined();
	});

	it('leaves a long example out of the label, and sends button 2 of the form as index 1', async () => {
		const summary = {
			parameter_format: 'positional',
			body: [{ position: 1, name: null, example: 'Your order ORD-123456 is on its way' }],
			buttons: [
				{ index: 0, type: 'URL', text: 'Track', example: null },
				{ index: 1, type: 'URL', text: 'Invoice', example: 'inv-9' },
			],
		};
		const schema = fieldsFromSummary(summary);
		expect(schema.map((f) => [f.id, f.displayName])).toEqual([
			['body_1', 'Body 1'],
			['button_0', 'Button 1 URL suffix'],
			['button_1', 'Button 2 URL suffix · inv-9'],
		]);
		const scope = api()
			.post(SEND, {
				channel_id: WA,
				recipient: '15551234567',
				template_name: 'shipping_update',
				language: 'en_US',
				variables: {
					body: ['ORD-9'],
					buttons: [
						{ index: 0, value: 'track/9' },
						{ index: 1, value: 'inv/9' },
					],
				},
			})
			.reply(200, { success: true, message_id: 't5' });
		const result = await runFiwano(
			sendTemplate(
				'shipping_update|en_US',
				{ button_1: 'inv/9', body_1: 'ORD-9', button_0: 'track/9' },
				schema,
			),
		);
		scope.done();
		expect(result.items[0].json).toEqual({ success: true, message_id: 't5' });
	});
});
