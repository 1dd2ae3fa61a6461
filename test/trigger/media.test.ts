import nock from 'nock';
import { sleep } from 'n8n-workflow';
import type { IDataObject } from 'n8n-workflow';

import { fileNameFromDisposition } from '../../nodes/shared/fileName';
import { MEDIA_LIMITS } from '../../nodes/FiwanoTrigger/v2/media';
import { signBody } from '../helpers/sign';
import { receivedText, TRIGGER_API_KEY, TRIGGER_BASE_URL, TriggerHarness } from '../helpers/trigger-harness';

const signing = ['media', 'signing', 'value'].join('-');
const jpeg = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01]);

function imageEvent(media: IDataObject = {}, data: IDataObject = {}): IDataObject {
	return receivedText({}, {
		type: 'image',
		caption: 'Check this photo',
		media: {
			media_id: 'm1b2c3d4e5f67890',
			kind: 'image',
			mime_type: 'image/jpeg',
			file_size: jpeg.length,
			filename: null,
			sha256: 'abc123',
			duration_ms: null,
			download_url: `${TRIGGER_BASE_URL}/api/v1/media/m1b2c3d4e5f67890`,
			expires_at: '2025-01-15T11:30:00Z',
			...media,
		},
		...data,
	});
}

function withMedia(options: IDataObject = {}) {
	return new TriggerHarness({ secret: signing, options: { downloadMedia: true, ...options } });
}

function api() {
	return nock(TRIGGER_BASE_URL).matchHeader('x-api-key', TRIGGER_API_KEY);
}

const timeout = MEDIA_LIMITS.timeoutMs;
afterEach(() => {
	MEDIA_LIMITS.timeoutMs = timeout;
});

describe('media to binary', () => {
	it('downloads the file with the credential and attaches it with MIME type and name from the payload', async () => {
		const scope = api().get('/api/v1/media/m1b2c3d4e5f67890').reply(200, jpeg, { 'Content-Type': 'image/jpeg' });
		const event = imageEvent({ filename: 'photo.jpg' });
		const delivery = await withMedia().sendSigned(event, signing);
		scope.done();
		const [[item]] = delivery.result.workflowData!;
		expect(item.json).toEqual(event);
		expect(item.binary?.data).toMatchObject({ mimeType: 'image/jpeg', fileName: 'photo.jpg', fileExtension: 'jpg' });
		expect(Buffer.from(item.binary!.data.data, 'base64')).toEqual(jpeg);
	});

	it('takes the file name from Content-Disposition, and uses the configured binary field', async () => {
		api()
			.get('/api/v1/media/m1b2c3d4e5f67890')
			.reply(200, Buffer.from('%PDF-1.4 test'), {
				'Content-Type': 'application/pdf',
				'Content-Disposition': "attachment; filename*=UTF-8''Invoice%20March.pdf",
			});
		const event = imageEvent({ kind: 'document', mime_type: undefined });
		const delivery = await withMedia({ binaryPropertyName: 'file' }).sendSigned(event, signing);
		const [[item]] = delivery.result.workflowData!;
		expect(Object.keys(item.binary!)).toEqual(['file']);
		expect(item.binary!.file).toMatchObject({ mimeType: 'application/pdf', fileName: 'Invoice March.pdf' });
	});

	it('names the file after the media id when neither payload nor response has a name', async () => {
		api().get('/api/v1/media/m1b2c3d4e5f67890').reply(200, Buffer.from('OggS'));
		const event = imageEvent({ kind: 'voice', mime_type: 'audio/ogg; codecs=opus' });
		const [[item]] = (await withMedia().sendSigned(event, signing)).result.workflowData!;
		expect(item.binary!.data).toMatchObject({ fileName: 'm1b2c3d4e5f67890.ogg' });
	});

	it('never sends the API key to a download_url on another host: it uses the media id on the Base URL', async () => {
		const foreign = nock('https://attacker.example').get(/.*/).reply(200, 'stolen');
		api().get('/api/v1/media/m1b2c3d4e5f67890').reply(200, jpeg);
		const event = imageEvent({ download_url: 'https://attacker.example/collect' });
		const [[item]] = (await withMedia().sendSigned(event, signing)).result.workflowData!;
		expect(foreign.isDone()).toBe(false);
		expect(item.binary!.data.mimeType).toBe('image/jpeg');
	});

	it.each([
		[404, 'Media file not found (404)'],
		[410, 'Media file expired or unavailable (410): Fiwano keeps files for 60 minutes'],
		[500, 'Download failed with HTTP 500'],
	])('still emits the event when the download answers %i, with the reason', async (status, reason) => {
		api().get('/api/v1/media/m1b2c3d4e5f67890').reply(status, { detail: 'x' });
		const event = imageEvent();
		const delivery = await withMedia().sendSigned(event, signing);
		expect(delivery.result.workflowData).toEqual([[{ json: { ...event, media_download_error: reason } }]]);
	});

	it('still emits the event when the download times out', async () => {
		MEDIA_LIMITS.timeoutMs = 100;
		api().get('/api/v1/media/m1b2c3d4e5f67890').delay(1000).reply(200, jpeg);
		const event = imageEvent();
		const delivery = await withMedia().sendSigned(event, signing);
		expect(delivery.result.workflowData).toEqual([
			[{ json: { ...event, media_download_error: 'Download timed out after 0.1 s' } }],
		]);
	});

	it('still emits the event when the connection fails', async () => {
		api().get('/api/v1/media/m1b2c3d4e5f67890').replyWithError('socket hang up');
		const event = imageEvent();
		const [[item]] = (await withMedia().sendSigned(event, signing)).result.workflowData!;
		expect(item.json.media_download_error).toBe('Download failed: socket hang up');
		expect(item.binary).toBeUndefined();
	});

	it('does not download a file announced as over 10 MB', async () => {
		const scope = api().get('/api/v1/media/m1b2c3d4e5f67890').reply(200, jpeg);
		const event = imageEvent({ file_size: 10 * 1024 * 1024 + 1 });
		const [[item]] = (await withMedia().sendSigned(event, signing)).result.workflowData!;
		expect(item.json.media_download_error).toBe('File is 10485761 bytes, over the 10 MB limit');
		expect(scope.isDone()).toBe(false);
	});

	it('drops a downloaded file that turns out to be over 10 MB', async () => {
		api().get('/api/v1/media/m1b2c3d4e5f67890').reply(200, Buffer.alloc(10 * 1024 * 1024 + 1));
		const event = imageEvent({ file_size: 1 });
		const [[item]] = (await withMedia().sendSigned(event, signing)).result.workflowData!;
		expect(item.json.media_download_error).toBe('File is 10485761 bytes, over the 10 MB limit');
		expect(item.binary).toBeUndefined();
	});

	it('emits the reason when Fiwano could not fetch the file from Meta (download_url null)', async () => {
		const event = imageEvent({ download_url: null, error: 'Meta download failed' });
		const [[item]] = (await withMedia().sendSigned(event, signing)).result.workflowData!;
		expect(item.json.media_download_error).toBe('Fiwano has no file to download for this message: Meta download failed');
	});

	it('emits a reason when there is neither a usable URL nor a media id', async () => {
		const event = imageEvent({ download_url: 'not a url', media_id: undefined });
		const [[item]] = (await withMedia().sendSigned(event, signing)).result.workflowData!;
		expect(item.json.media_download_error).toBe("download_url is not on the credential's Base URL and there is no media_id");
	});

	it('does nothing for status events, text messages, or with the option off', async () => {
		const scope = api().get(/.*/).reply(200, jpeg);
		const text = receivedText();
		expect((await withMedia().sendSigned(text, signing)).result.workflowData).toEqual([[{ json: text }]]);
		const image = imageEvent();
		const off = new TriggerHarness({ secret: signing });
		expect((await off.sendSigned(image, signing)).result.workflowData).toEqual([[{ json: image }]]);
		expect(scope.isDone()).toBe(false);
	});

	it('answers Fiwano before the download starts, however slow the download is', async () => {
		let downloadAnsweredAt = 0;
		api()
			.get('/api/v1/media/m1b2c3d4e5f67890')
			.delay(600)
			.reply(200, () => {
				downloadAnsweredAt = Date.now();
				return jpeg;
			});
		const harness = withMedia();
		const raw = JSON.stringify(imageEvent());
		const startedAt = Date.now();
		const { response, done } = harness.deliver({ raw, headers: { 'x-webhook-signature': signBody(signing, raw) } });
		let settled = false;
		void done.then(() => (settled = true));
		await response.ended;
		expect(response.statusCode).toBe(200);
		expect(response.json).toEqual({ received: true });
		expect(response.endedAt! - startedAt).toBeLessThan(300);
		expect(settled).toBe(false);
		await sleep(50);
		expect(settled).toBe(false);
		const delivery = await done;
		expect(delivery.result.workflowData![0][0].binary!.data.mimeType).toBe('image/jpeg');
		expect(Date.now() - startedAt).toBeGreaterThanOrEqual(600);
		expect(response.endedAt!).toBeLessThan(downloadAnsweredAt || Date.now());
	});
});

describe('fileNameFromDisposition', () => {
	it.each([
		[undefined, undefined],
		['inline', undefined],
		['attachment; filename="a b.pdf"', 'a b.pdf'],
		['attachment; filename=plain.txt', 'plain.txt'],
		["attachment; filename*=UTF-8''%E2%9C%93.txt", '✓.txt'],
		["attachment; filename*=UTF-8''%E2%ZZ.txt; filename=\"fallback.txt\"", 'fallback.txt'],
	])('%s -> %s', (header, name) => {
		expect(fileNameFromDisposition(header)).toBe(name);
	});
});

describe('download timeouts', () => {
	it('recognises a timeout error raised before the response, whenever it happens', async () => {
		MEDIA_LIMITS.timeoutMs = 100;
		api().get('/api/v1/media/m1b2c3d4e5f67890').replyWithError('timeout of 100ms exceeded');
		const [[item]] = (await withMedia().sendSigned(imageEvent(), signing)).result.workflowData!;
		expect(item.json.media_download_error).toBe('Download timed out after 0.1 s');
	});
});
