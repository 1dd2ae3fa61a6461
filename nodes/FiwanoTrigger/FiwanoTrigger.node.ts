import { VersionedNodeType } from 'n8n-workflow';
import type { INodeTypeBaseDescription, IVersionedNodeType } from 'n8n-workflow';

import { FiwanoTriggerV1 } from './v1/FiwanoTriggerV1';
import { FiwanoTriggerV2 } from './v2/FiwanoTriggerV2';

/**
 * Version 1 is the published 1.x trigger, kept as saved workflows expect it; version 2 is this
 * package's design (signatures required, filters, duplicate suppression, media).
 */
export class FiwanoTrigger extends VersionedNodeType {
	constructor() {
		const baseDescription: INodeTypeBaseDescription = {
			displayName: 'Fiwano Trigger',
			name: 'fiwanoTrigger',
			icon: { light: 'file:../../icons/fiwano.svg', dark: 'file:../../icons/fiwano.dark.svg' },
			group: ['trigger'],
			// n8n's nodes panel merges this trigger into the Fiwano action node's entry and shows the
			// trigger's description for both, so it describes the package, not only the trigger.
			description:
				'Send, receive and manage WhatsApp, Instagram DM and Facebook Messenger messages with Fiwano',
			defaultVersion: 2,
		};

		const nodeVersions: IVersionedNodeType['nodeVersions'] = {
			1: new FiwanoTriggerV1(baseDescription),
			2: new FiwanoTriggerV2(baseDescription),
		};

		super(nodeVersions, baseDescription);
	}
}
