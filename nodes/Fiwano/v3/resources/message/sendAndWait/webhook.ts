import type { IDataObject, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

import { approvalPage, formPage, PAGE_CSP, recordedPage } from './page';
import type { PageField } from './page';

/*
 * The resume webhook of Send and Wait (restartWebhook: n8n calls it only for an execution
 * waiting at this node, after checking the link's signature). A GET only shows a page: link
 * previews and scanners fetch links, so nothing is recorded until the page is submitted.
 * A POST records the answer and resumes the execution. A link opened after the wait has
 * ended reaches n8n's own "no action required" page and changes nothing.
 */

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The question for the page; an expression that cannot resolve here shows no text. */
function question(context: IWebhookFunctions): string {
	try {
		return String(context.getNodeParameter('message', '') ?? '');
	} catch {
		return '';
	}
}

function send(context: IWebhookFunctions, status: number, html: string): IWebhookResponseData {
	const res = context.getResponseObject();
	res.status(status);
	res.setHeader('Content-Type', 'text/html; charset=utf-8');
	res.setHeader('Content-Security-Policy', PAGE_CSP);
	res.setHeader('Cache-Control', 'no-store');
	res.setHeader('Referrer-Policy', 'no-referrer');
	res.send(html);
	return { noWebhookResponse: true };
}

function resumeWith(context: IWebhookFunctions, data: IDataObject): IWebhookResponseData {
	const response = send(context, 200, recordedPage());
	return {
		...response,
		workflowData: [[{ json: { data: { ...data, respondedAt: new Date().toISOString() } } }]],
	};
}

/** The fields of the reply page: one text box (Free Text) or the Form Fields. */
function pageFields(context: IWebhookFunctions, responseType: string): PageField[] {
	if (responseType === 'freeText') {
		return [{ name: 'field-0', label: 'Response', type: 'textarea', required: true, choices: [] }];
	}
	const defined = (context.getNodeParameter('formFields.values', []) as IDataObject[]) ?? [];
	return defined.map((field, index) => ({
		name: `field-${index}`,
		label: String(field.fieldLabel || `Field ${index + 1}`),
		type: String(field.fieldType || 'text'),
		required: field.requiredField === true,
		choices: String(field.fieldOptions ?? '')
			.split(',')
			.map((choice) => choice.trim())
			.filter(Boolean),
	}));
}

/** Why a submitted value is not acceptable, if it is not. */
function problem(field: PageField, value: string): string | undefined {
	if (!value) return field.required ? 'Fill in this field.' : undefined;
	if (field.type === 'number' && !Number.isFinite(Number(value))) return 'Enter a number.';
	if (field.type === 'email' && (value.length > 254 || !EMAIL.test(value)))
		return 'Enter an email address.';
	if (field.type === 'date' && !DATE.test(value)) return 'Enter a date (YYYY-MM-DD).';
	if (field.type === 'dropdown' && !field.choices.includes(value))
		return 'Choose one of the options.';
	return undefined;
}

function answerPage(context: IWebhookFunctions, responseType: string): IWebhookResponseData {
	const options = context.getNodeParameter('options', {}) as IDataObject;
	const message = question(context);
	const fields = pageFields(context, responseType);
	const render = (status: number, shown: PageField[]) =>
		send(
			context,
			status,
			formPage(
				String(options.responseFormTitle || 'Your answer'),
				String(options.responseFormDescription || message),
				shown,
				String(options.responseFormButtonLabel || 'Submit'),
			),
		);
	if (context.getRequestObject().method !== 'POST') return render(200, fields);

	const body = (context.getBodyData() ?? {}) as IDataObject;
	const checked = fields.map((field) => {
		const raw = body[field.name];
		const value = (Array.isArray(raw) ? String(raw[0] ?? '') : String(raw ?? '')).trim();
		return { ...field, value, error: problem(field, value) };
	});
	if (checked.some((field) => field.error)) return render(422, checked);
	if (responseType === 'freeText') return resumeWith(context, { text: checked[0].value });
	const answer: IDataObject = {};
	for (const field of checked) {
		answer[field.label] =
			field.type === 'number' && field.value ? Number(field.value) : field.value;
	}
	return resumeWith(context, answer);
}

export async function sendAndWaitWebhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
	const responseType = this.getNodeParameter('responseType', 'approval') as string;
	if (responseType !== 'approval') return answerPage(this, responseType);

	// The signed link carries the choice; the page's button only confirms it.
	const approved = this.getQueryData() as IDataObject;
	const isApproval = approved.approved !== 'false';
	if (this.getRequestObject().method !== 'POST') {
		const labels = this.getNodeParameter('approvalOptions.values', {}) as IDataObject;
		const label = isApproval
			? String(labels.approveLabel || 'Approve')
			: String(labels.disapproveLabel || 'Decline');
		return send(this, 200, approvalPage(question(this), label, isApproval));
	}
	return resumeWith(this, { approved: isApproval });
}
