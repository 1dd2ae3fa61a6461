import type { ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { fiwanoApiRequest } from '../../../shared/transport';

export async function searchRedirects(
	this: ILoadOptionsFunctions,
	filter?: string,
): Promise<INodeListSearchResult> {
	const { redirects } = (await fiwanoApiRequest.call(this, 'GET', '/redirects')) as {
		redirects: Array<{ id: string; uri_pattern: string }>;
	};
	const needle = filter?.trim().toLowerCase();
	return {
		results: redirects
			.filter((r) => !needle || `${r.uri_pattern} ${r.id}`.toLowerCase().includes(needle))
			.map((r) => ({ name: r.uri_pattern, value: r.id })),
	};
}
