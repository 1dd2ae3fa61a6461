import type { ICredentialDataDecryptedObject, IWorkflowExecuteAdditionalData } from 'n8n-workflow';

import { FiwanoApi } from '../../credentials/FiwanoApi.credentials';
import { TestCredentialsHelper } from './credentials-helper';

/**
 * What n8n hands every node context besides the workflow: the instance URLs and a
 * credentials helper that decrypts `fiwanoApi` to the given data and applies its
 * `authenticate` as n8n's CLI does.
 */
export function testAdditionalData(
	credentials: ICredentialDataDecryptedObject,
	options: { instanceUrl?: string; extra?: Record<string, unknown> } = {},
): IWorkflowExecuteAdditionalData {
	const instance = options.instanceUrl ?? 'http://localhost:5678';
	return {
		executionId: '1',
		credentialsHelper: new TestCredentialsHelper(
			{ fiwanoApi: new FiwanoApi() },
			{ fiwanoApi: credentials },
		),
		restApiUrl: `${instance}/rest`,
		instanceBaseUrl: `${instance}/`,
		webhookBaseUrl: `${instance}/webhook`,
		webhookTestBaseUrl: `${instance}/webhook-test`,
		webhookWaitingBaseUrl: `${instance}/webhook-waiting`,
		formWaitingBaseUrl: `${instance}/form-waiting`,
		variables: {},
		userId: 'user',
		...options.extra,
	} as unknown as IWorkflowExecuteAdditionalData;
}
