import { NodeApiError } from 'n8n-workflow';
import type {
	IExecuteSingleFunctions,
	IN8nHttpFullResponse,
	INodeExecutionData,
	JsonObject,
} from 'n8n-workflow';

import { parseErrorBody } from '../../../../shared/apiAnswer';
import { throwOnApiError } from '../../shared/hooks';

/** The API refuses profiles on WhatsApp channels; say where WhatsApp names come from instead. */
export async function explainWhatsAppProfile(
	this: IExecuteSingleFunctions,
	items: INodeExecutionData[],
	response: IN8nHttpFullResponse,
): Promise<INodeExecutionData[]> {
	const body = parseErrorBody(response.body);
	if (
		(response.statusCode === 400 || response.statusCode === 404) &&
		/whatsapp/i.test(JSON.stringify(body.detail ?? ''))
	) {
		throw new NodeApiError(this.getNode(), body as JsonObject, {
			message: 'Contact profiles are not available for WhatsApp channels',
			description:
				'WhatsApp sends the sender name with every message: use the data.from_name field of the Fiwano Trigger event. Get Profile works for Instagram and Messenger channels.',
			httpCode: String(response.statusCode),
			itemIndex: this.getItemIndex(),
		});
	}
	return await throwOnApiError.call(this, items, response);
}
