import { createHmac } from 'crypto';

/**
 * The webhook secret automatic setup registers when the user gave none: HMAC-SHA256 keyed
 * with the credential's API key over the workflow and node IDs, as 64 hex characters (the
 * longest secret Fiwano accepts).
 *
 * Why it is safe not to store it: the API key never leaves n8n's encrypted credential store,
 * so nobody who can read workflows, static data or execution records can compute the
 * secret; and it is recomputed from the credential (on every activation; for deliveries it is
 * kept in process memory for at most a minute, see credentialCache.ts), so nothing secret is
 * written anywhere (n8n copies static data into execution records).
 *
 * Rotating the API key changes the secret at once on the n8n side, while Fiwano keeps
 * signing with the old one: deliveries are answered 401 (within a minute, when the cached
 * credential is read again; Fiwano queues them for retry)
 * until the next activation (re-publishing the workflow, or an n8n restart) registers the
 * new secret on the channels.
 */
export function deriveWebhookSecret(apiKey: string, workflowId: string, nodeId: string): string {
	return createHmac('sha256', apiKey)
		.update(`fiwano-trigger-secret:v1:${workflowId}:${nodeId}`)
		.digest('hex');
}
