import type { INodeParameters } from 'n8n-workflow';

import { API_KEY, runFiwano } from '../helpers/run-node';
import { api, errorOf, expectNoSecret } from './fiwano-test-utils';

const download = (overrides: INodeParameters = {}): INodeParameters => ({
	resource: 'media',
	operation: 'download',
	mediaId: 'm1b2c3d4e5f67890',
	...overrides,
});

// Bytes that are not valid UTF-8, so any text round trip would change them.
const BYTES = Buffer.from([0x25, 0x50, 0x44, 0x46, 0x2d, 0x00, 0xff, 0xfe, 0x80, 0x0a, 0xc3, 0x28]);

describe('Media > Download', () => {
	it('GETs /api/v1/media/{id} and outputs the exact bytes with the MIME type and a plain filename', async () => {
		const scope = api()
			.get('/api/v1/media/m1b2c3d4e5f67890')
			.reply(200, BYTES, {
				'Content-Type': 'application/pdf; charset=binary',
				'Content-Disposition': 'attachment; filename="a.pdf"',
			});

		const result = await runFiwano(download());

		scope.done();
		expect(result.error).toBeUndefined();
		expect(result.items).toEqual([
			{
				json: { media_id: 'm1b2c3d4e5f67890', mime_type: 'application/pdf', file_name: 'a.pdf', file_size: BYTES.length },
				binary: {
					data: {
						data: BYTES.toString('base64'),
						mimeType: 'application/pdf',
						fileType: 'pdf',
						fileExtension: 'pdf',
						fileName: 'a.pdf',
						fileSize: '12 B',
						bytes: 12,
					},
				},
				pairedItem: { item: 0 },
			},
		]);
		expect(Buffer.from(result.items[0].binary!.data.data, 'base64').equals(BYTES)).toBe(true);
		expectNoSecret(result);
	});

	it('decodes an RFC 5987 filename*, uses a custom output field and the credential base URL', async () => {
		const voice = Buffer.from('OggS\u0000\u0002voice-note-bytes', 'latin1');
		const scope = api('https://proxy.example.test')
			.get('/api/v1/media/m2%2Fx')
			.reply(200, voice, {
				'Content-Type': 'audio/ogg',
				'Content-Disposition': "attachment; filename=\"fallback.ogg\"; filename*=UTF-8''Nota%20de%20voz%20%C3%A9.ogg",
			});

		const result = await runFiwano(download({ mediaId: 'm2/x', binaryPropertyName: 'voice' }), {
			credentials: { apiKey: API_KEY, baseUrl: 'https://proxy.example.test/' },
		});

		scope.done();
		expect(result.items).toEqual([
			{
				json: { media_id: 'm2/x', mime_type: 'audio/ogg', file_name: 'Nota de voz é.ogg', file_size: voice.length },
				binary: {
					voice: expect.objectContaining({
						data: voice.toString('base64'),
						mimeType: 'audio/ogg',
						fileName: 'Nota de voz é.ogg',
					}),
				},
				pairedItem: { item: 0 },
			},
		]);
		expect(result.items[0].binary).not.toHaveProperty('data');
	});

	it('falls back to the plain filename when filename* cannot be decoded', async () => {
		const scope = api()
			.get('/api/v1/media/m3')
			.reply(200, BYTES, {
				'Content-Type': 'application/pdf',
				'Content-Disposition': "attachment; filename*=UTF-8''bad%E0%A4%A.pdf; filename=plain.pdf",
			});

		const result = await runFiwano(download({ mediaId: 'm3' }));

		scope.done();
		expect(result.items[0].json).toEqual({
			media_id: 'm3',
			mime_type: 'application/pdf',
			file_name: 'plain.pdf',
			file_size: BYTES.length,
		});
	});

	it('reads an unquoted filename', async () => {
		const scope = api()
			.get('/api/v1/media/m6')
			.reply(200, BYTES, { 'Content-Type': 'text/csv', 'Content-Disposition': 'attachment; filename=report.csv' });

		const result = await runFiwano(download({ mediaId: 'm6' }));

		scope.done();
		expect(result.items[0].json).toEqual({
			media_id: 'm6',
			mime_type: 'text/csv',
			file_name: 'report.csv',
			file_size: BYTES.length,
		});
		expect(result.items[0].binary!.data.fileName).toBe('report.csv');
	});

	it('has no file name without Content-Disposition, and octet-stream without Content-Type', async () => {
		const scope = api()
			.get('/api/v1/media/m4')
			.reply(200, BYTES, { 'Content-Type': 'image/jpeg' })
			.get('/api/v1/media/m5')
			.reply(200, () => BYTES);

		const jpeg = await runFiwano(download({ mediaId: 'm4' }));
		const untyped = await runFiwano(download({ mediaId: 'm5' }));

		scope.done();
		expect(jpeg.items).toEqual([
			{
				json: { media_id: 'm4', mime_type: 'image/jpeg', file_name: null, file_size: BYTES.length },
				binary: { data: expect.objectContaining({ data: BYTES.toString('base64'), mimeType: 'image/jpeg' }) },
				pairedItem: { item: 0 },
			},
		]);
		expect(jpeg.items[0].binary!.data.fileName).toBeUndefined();
		expect(untyped.items[0].json).toEqual({
			media_id: 'm5',
			mime_type: 'application/octet-stream',
			file_name: null,
			file_size: BYTES.length,
		});
		expect(untyped.items[0].binary!.data.data).toBe(BYTES.toString('base64'));
	});

	it('takes the media ID from an expression per item', async () => {
		const scope = api()
			.get('/api/v1/media/first')
			.reply(200, Buffer.from('one'), { 'Content-Type': 'text/plain' })
			.get('/api/v1/media/second')
			.reply(200, Buffer.from('two!'), { 'Content-Type': 'text/plain' });

		const result = await runFiwano(download({ mediaId: '={{ $json.data.media.media_id }}' }), {
			input: [{ data: { media: { media_id: 'first' } } }, { data: { media: { media_id: 'second' } } }],
		});

		scope.done();
		expect(result.items.map((item) => [item.json, item.binary!.data.data, item.pairedItem])).toEqual([
			[{ media_id: 'first', mime_type: 'text/plain', file_name: null, file_size: 3 }, Buffer.from('one').toString('base64'), { item: 0 }],
			[{ media_id: 'second', mime_type: 'text/plain', file_name: null, file_size: 4 }, Buffer.from('two!').toString('base64'), { item: 1 }],
		]);
	});

	it('maps 404 with the API detail (JSON bytes of an arraybuffer request)', async () => {
		const scope = api()
			.get('/api/v1/media/gone')
			.reply(404, Buffer.from(JSON.stringify({ detail: 'Media not found' })), { 'Content-Type': 'application/json' });

		const result = await runFiwano(download({ mediaId: 'gone' }));

		scope.done();
		expect(result.items).toEqual([]);
		const error = errorOf(result);
		expect(error.message).toBe('Not found: Media not found');
		expect(error.description).toContain('Check the ID');
		expect(error.httpCode).toBe('404');
		expectNoSecret(result);
	});

	it('maps 410 to the expired-media explanation', async () => {
		const scope = api()
			.get('/api/v1/media/old')
			.reply(410, { detail: 'Media file expired' })
			.get('/api/v1/media/old2')
			.reply(410, '');

		const expired = await runFiwano(download({ mediaId: 'old' }));
		const bare = await runFiwano(download({ mediaId: 'old2' }));

		scope.done();
		const error = errorOf(expired);
		expect(error.message).toBe('Media file expired or unavailable. Download media within 60 minutes of the event.');
		expect(error.description).toContain('kept for 60 minutes');
		expect(error.httpCode).toBe('410');
		expect(errorOf(bare).message).toBe('Media file expired or unavailable. Download media within 60 minutes of the event.');
	});
});
