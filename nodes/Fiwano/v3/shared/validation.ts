import { NodeOperationError } from 'n8n-workflow';
import type { IExecuteSingleFunctions } from 'n8n-workflow';

/** What a field check needs of its item: the node and the item index. */
export type FieldContext = Pick<IExecuteSingleFunctions, 'getNode' | 'getItemIndex'>;

/** Throws a node error that names the field and says how to fix it. */
export function invalidField(
	context: FieldContext,
	field: string,
	problem: string,
	fix: string,
): never {
	throw new NodeOperationError(context.getNode(), `${field}: ${problem}`, {
		itemIndex: context.getItemIndex(),
		description: fix,
	});
}

/** Code points, as the API counts them (an emoji is one, not two UTF-16 units). */
export const codePointLength = (text: string) => Array.from(text).length;

/** Checks what the API checks for media URLs, so a bad URL fails before any request. */
export function mediaUrlProblem(url: string): string | undefined {
	if (!url) return 'is empty';
	if (url.length > 2048) return `is ${url.length} characters long; the limit is 2048`;
	let parsed: URL;
	try {
		parsed = new URL(url);
	} catch {
		return 'is not a valid URL';
	}
	if (parsed.protocol !== 'https:') return 'must start with https://';
	if (parsed.username || parsed.password) return 'must not contain a user name or password';
	return undefined;
}

/** Parses a JSON parameter that may arrive as text or already as an object. */
export function jsonParameter(
	context: FieldContext,
	field: string,
	value: unknown,
	example: string,
): unknown {
	if (typeof value !== 'string') return value;
	if (!value.trim()) return undefined;
	try {
		return JSON.parse(value);
	} catch (error) {
		return invalidField(
			context,
			field,
			`is not valid JSON (${(error as Error).message})`,
			`Enter JSON such as ${example}`,
		);
	}
}
