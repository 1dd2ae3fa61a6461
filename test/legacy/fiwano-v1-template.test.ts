import fixture from './fixtures/fiwano-v1-template.json';
import { errorOf, expectCall, paired, runSaved } from './fiwano-v1-utils';
import type { SavedNode } from './fiwano-v1-utils';

const nodes = fixture.nodes as unknown as Record<string, SavedNode>;

const BASE = '/channels/a1b2c3d4e5f67890/templates';
const template = { id: 'tpl_1', name: 'order_update', status: 'APPROVED', language: 'en_US' };
const list = { templates: [template], total: 1, synced: true };

describe('Fiwano v1/v2 > Template', () => {
	it('Get Many (default operation, no filters): no query, ONE item with the list', async () => {
		const call = expectCall({ method: 'GET', path: BASE, reply: list });
		const result = await runSaved(nodes.getAll);
		expect(call.body()).toBe('');
		expect(result.items).toEqual([{ json: list, pairedItem: paired() }]);
	});

	it('Get Many as in the 0.1.0 demo: status and sync=true', async () => {
		const call = expectCall({
			method: 'GET',
			path: BASE,
			query: { status: 'APPROVED', sync: 'true' },
			reply: list,
		});
		const result = await runSaved(nodes.getAllDemo);
		call.body();
		expect(result.items).toEqual([{ json: list, pairedItem: paired() }]);
	});

	it('Get Many: status All ("") is not sent, sync false is', async () => {
		const call = expectCall({ method: 'GET', path: BASE, query: { sync: 'false' }, reply: list });
		await runSaved(nodes.getAllNoSync);
		call.body();
	});

	it('Get: GET /channels/{channel}/templates/{template}', async () => {
		const call = expectCall({ method: 'GET', path: `${BASE}/tpl_1`, reply: template });
		const result = await runSaved(nodes.get);
		expect(call.body()).toBe('');
		expect(result.items).toEqual([{ json: template, pairedItem: paired() }]);
	});

	it('Create: name, default language, category, parsed components, parameter_format', async () => {
		const reply = { id: 'tpl_2', status: 'PENDING' };
		const call = expectCall({ method: 'POST', path: BASE, reply });
		const result = await runSaved(nodes.create);
		expect(call.body()).toEqual({
			name: 'order_update',
			language: 'en_US',
			category: 'UTILITY',
			components: [
				{ type: 'BODY', text: 'Order {{1}} shipped', example: { body_text: [['#1042']] } },
			],
			parameter_format: 'positional',
		});
		expect(result.items).toEqual([{ json: reply, pairedItem: paired() }]);
	});

	it('Create with the default components text', async () => {
		const call = expectCall({ method: 'POST', path: BASE, reply: { id: 'tpl_3' } });
		await runSaved(nodes.createDefaults);
		expect(call.body()).toEqual({
			name: 'welcome',
			language: 'pt_BR',
			category: 'MARKETING',
			components: [{ type: 'BODY', text: 'Hello {{1}}!', example: { body_text: [['World']] } }],
			parameter_format: 'named',
		});
	});

	it('Create with invalid components JSON: error names the field, no request', async () => {
		const result = await runSaved(nodes.createBadComponents);
		expect(errorOf(result).message).toMatch(
			/^The Components \(JSON\) field is not valid JSON \(.+\)\. Write it like \[\{"type":"BODY"/,
		);
	});

	it('Update: PUT components and the new category', async () => {
		const reply = { id: 'tpl_1', status: 'PENDING' };
		const call = expectCall({ method: 'PUT', path: `${BASE}/tpl_1`, reply });
		const result = await runSaved(nodes.update);
		expect(call.body()).toEqual({
			components: [{ type: 'BODY', text: 'Hi {{1}}' }],
			category: 'MARKETING',
		});
		expect(result.items).toEqual([{ json: reply, pairedItem: paired() }]);
	});

	it('Update with Keep Current sends no category', async () => {
		const call = expectCall({ method: 'PUT', path: `${BASE}/tpl_1`, reply: { id: 'tpl_1' } });
		await runSaved(nodes.updateKeepCategory);
		expect(call.body()).toEqual({ components: [{ type: 'BODY', text: 'Hi {{1}}' }] });
	});

	it('Delete: no query by default; the API body as is', async () => {
		const reply = { deleted: true, name: 'order_update' };
		const call = expectCall({ method: 'DELETE', path: `${BASE}/tpl_1`, reply });
		const result = await runSaved(nodes.delete);
		expect(call.body()).toBe('');
		expect(result.items).toEqual([{ json: reply, pairedItem: paired() }]);
	});

	it('Delete All Languages adds all_languages=true', async () => {
		const call = expectCall({
			method: 'DELETE',
			path: `${BASE}/tpl_1`,
			query: { all_languages: 'true' },
			reply: { deleted: true },
		});
		const result = await runSaved(nodes.deleteAllLanguages);
		call.body();
		expect(result.items).toEqual([{ json: { deleted: true }, pairedItem: paired() }]);
	});
});
