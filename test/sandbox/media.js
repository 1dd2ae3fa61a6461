'use strict';
// Tiny generated media files for simulated inbound messages (magic bytes correct, so sniffers agree).

function oggCrc(buf) {
	let crc = 0;
	for (const byte of buf) {
		crc ^= byte << 24;
		for (let i = 0; i < 8; i++)
			crc = crc & 0x80000000 ? ((crc << 1) ^ 0x04c11db7) >>> 0 : (crc << 1) >>> 0;
	}
	return crc >>> 0;
}

function oggPage(payload, headerType, seq) {
	const h = Buffer.alloc(27 + 1);
	h.write('OggS', 0, 'latin1');
	h[4] = 0;
	h[5] = headerType;
	h.writeUInt32LE(0x5a4e4446, 14); // serial
	h.writeUInt32LE(seq, 18);
	h[26] = 1;
	h[27] = payload.length;
	const page = Buffer.concat([h, payload]);
	page.writeUInt32LE(oggCrc(page), 22);
	return page;
}

function ogg() {
	const head = Buffer.alloc(19);
	head.write('OpusHead', 0, 'latin1');
	head[8] = 1;
	head[9] = 1;
	head.writeUInt16LE(312, 10);
	head.writeUInt32LE(48000, 12);
	const vendor = Buffer.from('fiwano-sandbox');
	const tags = Buffer.alloc(8 + 4 + vendor.length + 4);
	tags.write('OpusTags', 0, 'latin1');
	tags.writeUInt32LE(vendor.length, 8);
	vendor.copy(tags, 12);
	return Buffer.concat([oggPage(head, 0x02, 0), oggPage(tags, 0x00, 1)]);
}

const JPEG = Buffer.from([
	0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0x01, 0x00, 0x00, 0x01,
	0x00, 0x01, 0x00, 0x00, 0xff, 0xd9,
]);
const MP3 = Buffer.concat([
	Buffer.from('ID3'),
	Buffer.from([3, 0, 0, 0, 0, 0, 0]),
	Buffer.from([0xff, 0xfb, 0x90, 0x64]),
	Buffer.alloc(413),
]);
const MP4 = Buffer.concat([
	Buffer.from([0, 0, 0, 0x18]),
	Buffer.from('ftypisom'),
	Buffer.from([0, 0, 2, 0]),
	Buffer.from('isommp41'),
]);
const PDF = Buffer.from(
	'%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
);
const WEBP = (() => {
	const b = Buffer.alloc(30);
	b.write('RIFF', 0, 'latin1');
	b.writeUInt32LE(22, 4);
	b.write('WEBPVP8L', 8, 'latin1');
	b.writeUInt32LE(10, 16);
	b[20] = 0x2f;
	return b;
})();

const DEFAULTS = {
	image: { mime_type: 'image/jpeg', bytes: () => JPEG },
	sticker: { mime_type: 'image/webp', bytes: () => WEBP },
	voice: { mime_type: 'audio/ogg; codecs=opus', bytes: ogg, duration_ms: 5200 },
	audio: { mime_type: 'audio/mpeg', bytes: () => MP3, duration_ms: 12000 },
	video: { mime_type: 'video/mp4', bytes: () => MP4, duration_ms: 8000 },
	document: { mime_type: 'application/pdf', bytes: () => PDF, filename: 'document.pdf' },
};

const KINDS = Object.keys(DEFAULTS);

module.exports = { DEFAULTS, KINDS };
