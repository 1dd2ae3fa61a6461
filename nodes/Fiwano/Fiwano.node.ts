import { VersionedNodeType } from 'n8n-workflow';
import type { INodeTypeBaseDescription, IVersionedNodeType } from 'n8n-workflow';

// Version classes are not .node.ts files: only this entry is a registered node, and n8n
// resolves every version's icon from this file (see baseDescription).
import { FiwanoV1 } from './v1/FiwanoV1';
import { FiwanoV3 } from './v3/FiwanoV3';

/**
 * One node type, three versions. 1 and 2 are the published 1.x node (Fiwano's own package,
 * n8n-verified) kept exactly as saved workflows expect it; 3 is this package's design.
 * A saved node keeps its typeVersion, so its behaviour never changes under it.
 */
export class Fiwano extends VersionedNodeType {
	constructor() {
		const baseDescription: INodeTypeBaseDescription = {
			displayName: 'Fiwano',
			name: 'fiwano',
			icon: { light: 'file:../../icons/fiwano.svg', dark: 'file:../../icons/fiwano.dark.svg' },
			group: ['output'],
			description:
				'Send and manage WhatsApp, Instagram DM and Facebook Messenger messages with Fiwano',
			defaultVersion: 3,
		};

		// Versions 1 and 2 are one class (only a default differs), as in the published package.
		const legacy = new FiwanoV1(baseDescription);
		const nodeVersions: IVersionedNodeType['nodeVersions'] = {
			1: legacy,
			2: legacy,
			3: new FiwanoV3(baseDescription),
		};

		super(nodeVersions, baseDescription);
	}
}
