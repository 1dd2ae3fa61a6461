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
			description:
				'Starts the workflow on WhatsApp, Instagram DM and Facebook Messenger messages and delivery statuses from Fiwano',
			defaultVersion: 2,
		};

		const nodeVersions: IVersionedNodeType['nodeVersions'] = {
			1: new FiwanoTriggerV1(baseDescription),
			2: new FiwanoTriggerV2(baseDescription),
		};

		super(nodeVersions, baseDescription);
	}
}
