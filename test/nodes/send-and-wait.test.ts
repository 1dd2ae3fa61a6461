import type { IDataObject, INodeParameters } from 'n8n-workflow';
import { WAIT_INDEFINITELY } from 'n8n-workflow';

import { anyRequest, api, byId } from './fiwano-test-utils';
import { WaitingExecution } from './send-and-wait-engine';

const SEND = '/api/v1/messages/send';
const LINK =
	/^http:\/\/localhost:5678\/webhook-waiting\/1\/fiwano-node-id\?(?:approved=(true|false)&)?signature=[0-9a-f]{64}$/;

const sendAndWait = (overrides: INodeParameters = {}): INodeParameters => ({
	resource: 'message',
	operation: 'sendAndWait',
	channelId: byId('a1b2c3d4e5f67890'),
	recipient: '+1 555 123 4567',
	message: 'Refund $25 for order 1234?',
	...overrides,
});

/** Starts the execution; the one text sent is recorded and its links returned. */
async function startWaiting(
	parameters: INodeParameters,
	answer: IDataObject = { success: true, message_id: 'm1', status: 'sent' },
) {
	const sent: IDataObject[] = [];
	const scope = api()
		.post(SEND, (body: IDataObject) => {
			sent.push(body);
			return true;
		})
		.reply(200, answer);
	const execution = await WaitingExecution.start(parameters, [{ order: 1234 }]);
	scope.done();
	const text = String(sent[0]?.text ?? '');
	const links = Object.fromEntries(
		text
			.split('\n')
			.filter((line) => line.includes('http'))
			.map((line) => [line.slice(0, line.indexOf(': ')), line.slice(line.indexOf(': ') + 2)]),
	);
	return { execution, sent, text, links };
}

describe('Message > Send and Wait for Response', () => {
	it('sends the question with signed Approve and Decline links and puts the execution to wait', async () => {
		const { execution, sent, text, links } = await startWaiting(
			sendAndWait({
				approvalOptions: {
					values: { approvalType: 'double', approveLabel: 'Yes, refund', disapproveLabel: 'No' },
				},
			}),
		);

		expect(sent).toEqual([{ channel_id: 'a1b2c3d4e5f67890', recipient: '15551234567', text }]);
		expect(text.startsWith('Refund $25 for order 1234?\n\nYes, refund: http')).toBe(true);
		expect(Object.keys(links)).toEqual(['Yes, refund', 'No']);
		expect(links['Yes, refund']).toMatch(LINK);
		expect(LINK.exec(links['Yes, refund'])?.[1]).toBe('true');
		expect(LINK.exec(links.No)?.[1]).toBe('false');
		expect(execution.waiting).toBe(true);
		expect(execution.firstRun.status).toBe('waiting');
		expect(execution.runExecutionData.waitTill).toEqual(WAIT_INDEFINITELY);
	});

	it('opening the link shows a page and changes nothing; confirming it resumes with approved: true', async () => {
		const { execution, links } = await startWaiting(sendAndWait());

		const page = await execution.open(links.Approve);
		expect(page.status).toBe(200);
		expect(page.body).toContain('<html lang="en">');
		expect(page.body).toContain('Refund $25 for order 1234?');
		expect(page.body).toContain('<button type="submit">Approve</button>');
		expect(page.headers['content-security-policy']).toContain("default-src 'none'");
		expect(page.resumed).toBeUndefined();
		expect(execution.waiting).toBe(true);

		const answered = await execution.open(links.Approve, 'POST');
		expect(answered.status).toBe(200);
		expect(answered.body).toContain('your answer was recorded');
		expect(answered.resumed?.status).toBe('success');
		expect(execution.output()).toEqual([
			{
				json: { data: { approved: true, respondedAt: expect.any(String) } },
				pairedItem: { item: 0 },
			},
		]);
	});

	it('the Decline link resumes with approved: false', async () => {
		const { execution, links } = await startWaiting(
			sendAndWait({ approvalOptions: { values: { approvalType: 'double' } } }),
		);

		expect((await execution.open(links.Decline)).body).toContain(
			'<button type="submit" class="secondary">Decline</button>',
		);
		await execution.open(links.Decline, 'POST');

		expect(execution.output()[0].json).toEqual({
			data: { approved: false, respondedAt: expect.any(String) },
		});
	});

	it('a forged link (changed answer or signature) is refused and the execution keeps waiting', async () => {
		const { execution, links } = await startWaiting(sendAndWait());
		const forgedAnswer = links.Approve.replace('approved=true', 'approved=false');
		const forgedSignature = links.Approve.replace(/signature=[0-9a-f]{4}/, 'signature=0000');

		expect(await execution.open(forgedAnswer, 'POST')).toMatchObject({ status: 401 });
		expect(await execution.open(forgedSignature, 'POST')).toMatchObject({ status: 401 });
		expect(execution.waiting).toBe(true);
	});

	it('a link used twice changes nothing the second time', async () => {
		const { execution, links } = await startWaiting(
			sendAndWait({ approvalOptions: { values: { approvalType: 'double' } } }),
		);
		await execution.open(links.Approve, 'POST');
		const output = execution.output();

		const again = await execution.open(links.Decline, 'POST');

		expect(again).toMatchObject({ body: 'send-and-wait-no-action-required' });
		expect(execution.output()).toEqual(output);
		expect(output[0].json).toMatchObject({ data: { approved: true } });
	});

	it('Free Text: a reply page with one labelled text box; an empty answer is refused', async () => {
		const { execution, text, links } = await startWaiting(
			sendAndWait({ responseType: 'freeText', options: { messageButtonLabel: 'Reply here' } }),
		);
		expect(text).toMatch(
			/\n\nReply here: http:\/\/localhost:5678\/webhook-waiting\/1\/fiwano-node-id\?signature=[0-9a-f]{64}$/,
		);

		const form = await execution.open(links['Reply here']);
		expect(form.body).toContain(
			'<label for="field-0">Response <span aria-hidden="true">*</span></label><textarea id="field-0" name="field-0" required>',
		);

		const empty = await execution.open(links['Reply here'], 'POST', { 'field-0': '  ' });
		expect(empty).toMatchObject({ status: 422 });
		expect(empty.body).toContain('Fill in this field.');
		expect(execution.waiting).toBe(true);

		await execution.open(links['Reply here'], 'POST', { 'field-0': 'Only refund half' });
		expect(execution.output()[0].json).toEqual({
			data: { text: 'Only refund half', respondedAt: expect.any(String) },
		});
	});

	it('Custom Form: fields by label, numbers as numbers, choices checked', async () => {
		const { execution, links } = await startWaiting(
			sendAndWait({
				responseType: 'customForm',
				formFields: {
					values: [
						{
							fieldLabel: 'Decision',
							fieldType: 'dropdown',
							fieldOptions: 'Refund, Replace',
							requiredField: true,
						},
						{ fieldLabel: 'Amount', fieldType: 'number' },
						{ fieldLabel: 'Note <b>', fieldType: 'text' },
					],
				},
			}),
		);
		const form = await execution.open(links.Respond);
		expect(form.body).toContain('<option>Refund</option><option>Replace</option>');
		expect(form.body).toContain('<label for="field-2">Note &lt;b&gt;</label>');

		const wrong = await execution.open(links.Respond, 'POST', {
			'field-0': 'Cancel',
			'field-1': 'ten',
		});
		expect(wrong.status).toBe(422);
		expect(wrong.body).toContain('Choose one of the options.');
		expect(wrong.body).toContain('Enter a number.');

		await execution.open(links.Respond, 'POST', {
			'field-0': 'Refund',
			'field-1': '12.5',
			'field-2': '',
		});
		expect(execution.output()[0].json).toEqual({
			data: { Decision: 'Refund', Amount: 12.5, 'Note <b>': '', respondedAt: expect.any(String) },
		});
	});

	it('Limit Wait Time at a date sets when the wait ends', async () => {
		const { execution } = await startWaiting(
			sendAndWait({
				options: {
					limitWaitTime: {
						values: { limitType: 'atSpecifiedTime', maxDateAndTime: '2031-05-01T10:00:00.000Z' },
					},
				},
			}),
		);
		expect(execution.runExecutionData.waitTill).toEqual(new Date('2031-05-01T10:00:00.000Z'));
	});

	it('on WhatsApp outside the 24-hour window the error says to send a template first, and nothing waits', async () => {
		const { execution } = await startWaiting(sendAndWait(), {
			success: false,
			status: 'failed',
			error_code: 131047,
			error: 'Re-engagement message',
		});

		expect(execution.waiting).toBe(false);
		const error = execution.firstRun.data.resultData.error!;
		expect(error.message).toBe(
			'Message not sent (Meta error 131047): the WhatsApp 24-hour window with this customer is closed. Send an approved template first (Message > Send Template); Send and Wait can ask once the customer has replied.',
		);
	});

	it('refuses an invalid recipient before any request', async () => {
		const scope = anyRequest();
		const execution = await WaitingExecution.start(sendAndWait({ recipient: 'John Doe' }));
		expect(scope.isDone()).toBe(false);
		expect(execution.waiting).toBe(false);
		expect(execution.firstRun.data.resultData.error?.message).toBe(
			'Recipient "John Doe" is not a valid recipient ID',
		);
	});
});
