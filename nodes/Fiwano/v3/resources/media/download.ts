import type {
	IExecuteSingleFunctions,
	IN8nHttpFullResponse,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import { fileNameFromDisposition } from '../../../../shared/fileName';
import { apiBaseUrl, CREDENTIAL_TYPE, redirectRefused } from '../../../../shared/transport';

const show = { resource: ['media'], operation: ['download'] };

function header(response: IN8nHttpFullResponse, name: string): string | undefined {
	const value = response.headers[name];
	return Array.isArray(value) ? String(value[0]) : value === undefined ? undefined : String(value);
}

/**
 * Bytes to binary data with the MIME type and file name the API sent. n8n's declarative
 * binaryData step would sniff the type from the bytes and drop the file name.
 */
export async function mediaToBinary(
	this: IExecuteSingleFunctions,
	_items: INodeExecutionData[],
	response: IN8nHttpFullResponse,
): Promise<INodeExecutionData[]> {
	const mediaId = String(this.getNodeParameter('mediaId'));
	const credentials = await this.getCredentials(CREDENTIAL_TYPE);
	const url = `${apiBaseUrl(credentials.baseUrl)}/api/v1/media/${encodeURIComponent(mediaId)}`;
	const refused = redirectRefused(this.getNode(), response.statusCode, response.headers, url);
	if (refused) throw refused;
	const property = String(this.getNodeParameter('binaryPropertyName', 'data'));
	const bytes = Buffer.from(response.body as ArrayBuffer);
	const mimeType =
		header(response, 'content-type')?.split(';')[0].trim() || 'application/octet-stream';
	const fileName = fileNameFromDisposition(header(response, 'content-disposition'));
	const binary = await this.helpers.prepareBinaryData(bytes, fileName, mimeType);
	return [
		{
			json: {
				media_id: mediaId,
				mime_type: mimeType,
				file_name: fileName ?? null,
				file_size: bytes.length,
			},
			binary: { [property]: binary },
		},
	];
}

export const mediaDownloadDescription: INodeProperties[] = [
	{
		displayName: 'Media ID',
		name: 'mediaId',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. m1b2c3d4e5f67890',
		displayOptions: { show },
		description:
			'ID of the inbound file: the data.media.media_id field of a Fiwano Trigger message.received event',
	},
	{
		displayName: 'Put Output File in Field',
		name: 'binaryPropertyName',
		type: 'string',
		required: true,
		default: 'data',
		displayOptions: { show },
		hint: 'The name of the output binary field to put the file in',
		description:
			'Name of the binary field the downloaded file is stored in; keep data unless a later node expects another name',
	},
];
