/*
 * The reply pages of Send and Wait: plain HTML with inline styles (no scripts, no external
 * assets), one landmark, real labels, and the natural tab order (fields, then the button).
 */

const HTML_ESCAPES: Record<string, string> = {
	'&': '&amp;',
	'<': '&lt;',
	'>': '&gt;',
	'"': '&quot;',
	"'": '&#39;',
};

export const escapeHtml = (text: unknown) =>
	String(text ?? '').replace(/[&<>"']/g, (char) => HTML_ESCAPES[char]);

/** Scripts, frames, plugins and other origins are off; styles are inline; forms post back here. */
export const PAGE_CSP =
	"default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

const STYLE = `
body{margin:0;font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;background:#f4f6fb;color:#1b2333}
main{max-width:32rem;margin:3rem auto;padding:2rem;background:#fff;border-radius:12px;box-shadow:0 2px 12px rgba(27,35,51,.08)}
.brand{font-weight:700;color:#2f5bea;letter-spacing:.02em;margin:0 0 1rem}
h1{font-size:1.35rem;margin:0 0 .75rem}
p{line-height:1.5;white-space:pre-line}
label{display:block;font-weight:600;margin:1rem 0 .35rem}
input,select,textarea{box-sizing:border-box;width:100%;padding:.6rem;font:inherit;border:1px solid #9aa3b5;border-radius:8px}
textarea{min-height:7rem}
button{margin-top:1.25rem;padding:.7rem 1.4rem;font:inherit;font-weight:600;color:#fff;background:#2f5bea;border:0;border-radius:8px;cursor:pointer}
button.secondary{background:#4a5468}
:focus-visible{outline:3px solid #f5a524;outline-offset:2px}
.error{color:#b3261e;font-weight:600}
`;

/** A whole page; `body` is HTML the caller has escaped. */
export function page(title: string, body: string): string {
	return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${escapeHtml(title)}</title>
<style>${STYLE}</style>
</head>
<body>
<main>
<p class="brand">Fiwano</p>
<h1>${escapeHtml(title)}</h1>
${body}
</main>
</body>
</html>`;
}

export const recordedPage = () =>
	page('Thank you, your answer was recorded', '<p>You can close this page now.</p>');

/** The approval link was opened: one button confirms it (link previews only ever GET). */
export function approvalPage(question: string, label: string, approved: boolean): string {
	return page(
		label,
		`<p>${escapeHtml(question)}</p>
<form method="post">
<button type="submit"${approved ? '' : ' class="secondary"'}>${escapeHtml(label)}</button>
</form>`,
	);
}

export interface PageField {
	/** Form name: field-0, field-1, ... */
	name: string;
	label: string;
	type: string;
	required: boolean;
	choices: string[];
	value?: string;
	error?: string;
}

function control(field: PageField): string {
	const id = escapeHtml(field.name);
	const common = `id="${id}" name="${id}"${field.required ? ' required' : ''}${field.error ? ` aria-invalid="true" aria-describedby="${id}-error"` : ''}`;
	const value = escapeHtml(field.value ?? '');
	if (field.type === 'textarea') return `<textarea ${common}>${value}</textarea>`;
	if (field.type === 'dropdown') {
		const options = field.choices
			.map(
				(choice) =>
					`<option${choice === field.value ? ' selected' : ''}>${escapeHtml(choice)}</option>`,
			)
			.join('');
		return `<select ${common}><option value="">Choose…</option>${options}</select>`;
	}
	const type = ['date', 'email', 'number'].includes(field.type) ? field.type : 'text';
	return `<input type="${type}" ${common} value="${value}"${type === 'number' ? ' step="any"' : ''}>`;
}

/** The reply page of Free Text and Custom Form; fields that failed a check say why. */
export function formPage(
	title: string,
	description: string,
	fields: PageField[],
	buttonLabel: string,
): string {
	const rows = fields
		.map((field) => {
			const required = field.required ? ' <span aria-hidden="true">*</span>' : '';
			const error = field.error
				? `<p class="error" id="${escapeHtml(field.name)}-error">${escapeHtml(field.error)}</p>`
				: '';
			return `<label for="${escapeHtml(field.name)}">${escapeHtml(field.label)}${required}</label>${control(field)}${error}`;
		})
		.join('\n');
	return page(
		title,
		`${description ? `<p>${escapeHtml(description)}</p>` : ''}
<form method="post">
${rows}
<button type="submit">${escapeHtml(buttonLabel)}</button>
</form>`,
	);
}
