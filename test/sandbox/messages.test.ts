import { createSandbox, type Sandbox } from './server';
import { arr, client, request, type Client } from './helpers';

describe('sandbox messages and media', () => {
	let sb: Sandbox;
	let base: string;
	let api: Client;

	beforeAll(async () => {
		sb = createSandbox({ statusDelaysMs: 0, queuedRetryMs: 0 });
		base = (await sb.start()).url;
		api = client(base, sb.apiKey);
	});
	afterAll(async () => await sb.stop());
	beforeEach(() => sb.reset());

	const send = async (body: Record<string, unknown>) =>
		await api.post('/api/v1/messages/send', body);

	it('send returns SendMessageResponse and is recorded with its request body', async () => {
		const res = await send({
			channel_id: sb.ids.whatsapp,
			recipient: '1234567890',
			text: 'Hello!',
		});
		expect(res.status).toBe(200);
		expect(res.json).toEqual({
			success: true,
			message_id: expect.stringMatching(/^[0-9a-f-]{36}$/),
			status: 'sent',
			error: null,
			error_code: null,
		});
		const log = await api.control('/messages');
		expect(arr(log.json.messages)).toHaveLength(1);
		expect(arr(log.json.messages)[0]).toMatchObject({
			message_id: res.json.message_id,
			kind: 'text',
			request: { text: 'Hello!', recipient: '1234567890' },
		});
	});

	it('422 for missing fields and wrong types (FastAPI shape)', async () => {
		const res = await send({ channel_id: sb.ids.whatsapp, text: 5 });
		expect(res.status).toBe(422);
		expect(res.json.detail).toEqual([
			expect.objectContaining({
				loc: ['body', 'recipient'],
				msg: 'Field required',
				type: 'missing',
			}),
			expect.objectContaining({
				loc: ['body', 'text'],
				msg: 'Input should be a valid string',
				type: 'string_type',
			}),
		]);
		const empty = await request(base, 'POST', '/api/v1/messages/send', { key: sb.apiKey });
		expect(empty.status).toBe(422);
		expect(arr(empty.json.detail)[0]).toMatchObject({ loc: ['body'], type: 'missing' });
	});

	it.each([
		['whatsapp', 4096],
		['facebook', 2000],
		['instagram', 1000],
	])('text_too_long on %s at %d code points (emoji count as one)', async (type, max) => {
		const id =
			type === 'whatsapp'
				? sb.ids.whatsapp
				: type === 'facebook'
					? sb.ids.facebook
					: sb.ids.instagram;
		const ok = await send({ channel_id: id, recipient: '1234567890', text: '😀'.repeat(max) });
		expect(ok.status).toBe(200);
		const res = await send({ channel_id: id, recipient: '1234567890', text: '😀'.repeat(max + 1) });
		expect(res.status).toBe(400);
		expect(res.json.detail).toEqual({
			code: 'text_too_long',
			message: `Text exceeds ${type} limit of ${max} characters (got ${max + 1}).`,
			actual_length: max + 1,
			max_length: max,
			channel_type: type,
			hint: 'Split the text on your side and send as multiple messages.',
		});
	});

	it('404 for unknown channel, 402 when the subscription is not active', async () => {
		expect((await send({ channel_id: 'nope', recipient: '1', text: 'x' })).status).toBe(404);
		await api.control('/channel', {
			channel_id: sb.ids.whatsapp,
			subscription: { status: 'expired', auto_renew: false },
		});
		const res = await send({ channel_id: sb.ids.whatsapp, recipient: '1', text: 'x' });
		expect(res.status).toBe(402);
		expect(typeof res.json.detail).toBe('string');
	});

	describe('send-media', () => {
		const media = (over: Record<string, unknown>) => ({
			channel_id: sb.ids.whatsapp,
			recipient: '1234567890',
			media_type: 'image',
			media_url: 'https://cdn.example.com/photo.jpg?X-Amz-Signature=abc',
			...over,
		});

		it('accepts a valid request on a Pro channel', async () => {
			const res = await api.post('/api/v1/messages/send-media', media({ caption: 'Your photo' }));
			expect(res.status).toBe(200);
			expect(res.json).toMatchObject({ success: true, status: 'sent' });
		});

		it.each([
			['http URL', { media_url: 'http://cdn.example.com/a.jpg' }, 'media_url'],
			['too long', { media_url: `https://cdn.example.com/${'a'.repeat(2040)}` }, 'media_url'],
			['credentials', { media_url: 'https://user:pw@cdn.example.com/a.jpg' }, 'media_url'],
			['private IP', { media_url: 'https://192.168.1.10/a.jpg' }, 'media_url'],
			['loopback', { media_url: 'https://127.0.0.1/a.jpg' }, 'media_url'],
			['caption > 1024', { caption: 'c'.repeat(1025) }, 'caption'],
			[
				'filename > 255',
				{ media_type: 'document', filename: `${'f'.repeat(252)}.pdf` },
				'filename',
			],
			['media_type', { media_type: 'sticker' }, 'media_type'],
		])('422 for %s', async (_name, over, field) => {
			const res = await api.post('/api/v1/messages/send-media', media(over));
			expect(res.status).toBe(422);
			expect(arr(res.json.detail).map((d) => d.loc)).toContainEqual(['body', field]);
		});

		it('402 on a Starter channel', async () => {
			const res = await api.post(
				'/api/v1/messages/send-media',
				media({ channel_id: sb.ids.facebook }),
			);
			expect(res.status).toBe(402);
			expect(String(res.json.detail)).toMatch(/Pro/);
		});
	});

	describe('send-template', () => {
		const tpl = (over: Record<string, unknown>) => ({
			channel_id: sb.ids.whatsapp,
			language: 'en_US',
			recipient: '1234567890',
			...over,
		});
		const post = async (body: Record<string, unknown>) =>
			await api.post('/api/v1/messages/send-template', body);

		it('sends positional, named and variable-free approved templates', async () => {
			const positional = await post(
				tpl({
					template_name: 'order_confirmation',
					variables: {
						header: ['Summer Sale'],
						body: ['Pablo', 'ORD-123', '25%'],
						buttons: [{ index: 0, value: 'promo25' }],
					},
				}),
			);
			expect(positional.status).toBe(200);
			expect(positional.json).toEqual({
				success: true,
				message_id: expect.any(String),
				error: null,
			});
			const named = await post(
				tpl({
					template_name: 'welcome_message',
					variables: { body: { customer_name: 'Pablo', order_number: 'ORD-1' } },
				}),
			);
			expect(named.json.success).toBe(true);
			expect((await post(tpl({ template_name: 'hello_world' }))).json.success).toBe(true);
			const log = await api.control('/messages');
			expect(arr(log.json.messages).map((m) => m.kind)).toEqual([
				'template',
				'template',
				'template',
			]);
		});

		it.each([
			[
				'missing body variable',
				{
					template_name: 'order_confirmation',
					variables: { header: ['S'], body: ['a', 'b'], buttons: [{ index: 0, value: 'x' }] },
				},
			],
			[
				'missing header',
				{
					template_name: 'order_confirmation',
					variables: { body: ['a', 'b', 'c'], buttons: [{ index: 0, value: 'x' }] },
				},
			],
			[
				'missing button',
				{
					template_name: 'order_confirmation',
					variables: { header: ['S'], body: ['a', 'b', 'c'] },
				},
			],
			[
				'bad button shape',
				{
					template_name: 'order_confirmation',
					variables: { header: ['S'], body: ['a', 'b', 'c'], buttons: ['x'] },
				},
			],
			[
				'positional given to named',
				{ template_name: 'welcome_message', variables: { body: ['Pablo', 'ORD'] } },
			],
			[
				'missing named key',
				{ template_name: 'welcome_message', variables: { body: { customer_name: 'Pablo' } } },
			],
			[
				'unknown named key',
				{
					template_name: 'welcome_message',
					variables: { body: { customer_name: 'P', order_number: 'O', extra: 'x' } },
				},
			],
			[
				'variables on a template without any',
				{ template_name: 'hello_world', variables: { body: ['x'] } },
			],
			['pending template', { template_name: 'summer_promo', variables: { body: ['x'] } }],
			['rejected template', { template_name: 'rejected_offer', variables: { body: ['x'] } }],
		])('400 for %s', async (_name, over) => {
			const res = await post(tpl(over));
			expect(res.status).toBe(400);
			expect(typeof res.json.detail).toBe('string');
		});

		it('404 unknown template, 400 non-WhatsApp, 402 lapsed, 422 missing fields', async () => {
			expect((await post(tpl({ template_name: 'nope' }))).status).toBe(404);
			expect((await post(tpl({ template_name: 'hello_world', language: 'es' }))).status).toBe(404);
			expect(
				(await post(tpl({ template_name: 'hello_world', channel_id: sb.ids.instagram }))).status,
			).toBe(400);
			const missing = await post({ channel_id: sb.ids.whatsapp });
			expect(missing.status).toBe(422);
			expect(arr(missing.json.detail).map((d) => d.loc[1])).toEqual([
				'template_name',
				'language',
				'recipient',
			]);
			await api.control('/channel', {
				channel_id: sb.ids.whatsapp,
				subscription: { tier: 'starter' },
			});
			expect((await post(tpl({ template_name: 'hello_world' }))).status).toBe(402);
		});
	});

	describe('media download', () => {
		it('serves inbound media with Content-Type and filename, 404 for others, 410 after expiry', async () => {
			const doc = await sb.inbound({
				channel_id: sb.ids.whatsapp,
				from: '1234567890',
				media: { kind: 'document', filename: 'invoice.pdf' },
			});
			const m = doc.event.data.media as {
				media_id: string;
				download_url: string;
				file_size: number;
				sha256: string;
			};
			expect(m.download_url).toBe(`${base}/api/v1/media/${m.media_id}`);
			const res = await api.get(`/api/v1/media/${m.media_id}`);
			expect(res.status).toBe(200);
			expect(res.headers['content-type']).toBe('application/pdf');
			expect(res.headers['content-disposition']).toBe('attachment; filename="invoice.pdf"');
			expect(res.raw.subarray(0, 5).toString()).toBe('%PDF-');
			expect(res.raw.length).toBe(m.file_size);
			expect(await request(base, 'GET', `/api/v1/media/${m.media_id}`)).toMatchObject({
				status: 401,
			});
			expect((await api.get('/api/v1/media/unknown')).status).toBe(404);
			await api.control('/expire-media', { media_id: m.media_id });
			const gone = await api.get(`/api/v1/media/${m.media_id}`);
			expect(gone.status).toBe(410);
			expect(typeof gone.json.detail).toBe('string');
		});

		it('expires after the TTL (60 minutes) and serves given bytes', async () => {
			const bytes = Buffer.from('custom bytes');
			const img = await sb.inbound({
				channel_id: sb.ids.instagram,
				from: '6543217890123456',
				media: { kind: 'image', mime_type: 'image/png', base64: bytes.toString('base64') },
			});
			const id = String((img.event.data.media as { media_id: string }).media_id);
			const res = await api.get(`/api/v1/media/${id}`);
			expect(res.raw.equals(bytes)).toBe(true);
			expect(res.headers['content-type']).toBe('image/png');
			expect(res.headers['content-disposition']).toBeUndefined();
			sb.advanceClock(60 * 60 * 1000);
			expect((await api.get(`/api/v1/media/${id}`)).status).toBe(410);
		});
	});
});
