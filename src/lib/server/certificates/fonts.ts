/**
 * WOFF → TrueType/OpenType. pdfkit embeds WOFF (the format @fontsource ships) but re-inflates its
 * tables for every document: converting once made a certificate about five times cheaper
 * (bench/certificates.ts). WOFF 1.0 is the sfnt tables, each optionally zlib-compressed.
 */
import { inflateSync } from 'node:zlib';

export function woffToSfnt(woff: Buffer): Buffer {
	if (woff.readUInt32BE(0) !== 0x774f4646) throw new Error('Not a WOFF file');
	const flavor = woff.readUInt32BE(4);
	const numTables = woff.readUInt16BE(12);
	const tables = Array.from({ length: numTables }, (_, i) => {
		const o = 44 + i * 20;
		const offset = woff.readUInt32BE(o + 4);
		const compLength = woff.readUInt32BE(o + 8);
		const origLength = woff.readUInt32BE(o + 12);
		const raw = woff.subarray(offset, offset + compLength);
		return {
			tag: woff.readUInt32BE(o),
			checksum: woff.readUInt32BE(o + 16),
			data: compLength < origLength ? inflateSync(raw) : Buffer.from(raw)
		};
	});
	let entrySelector = 0;
	while (2 ** (entrySelector + 1) <= numTables) entrySelector++;
	const searchRange = 2 ** entrySelector * 16;
	const header = Buffer.alloc(12 + 16 * numTables);
	header.writeUInt32BE(flavor, 0);
	header.writeUInt16BE(numTables, 4);
	header.writeUInt16BE(searchRange, 6);
	header.writeUInt16BE(entrySelector, 8);
	header.writeUInt16BE(numTables * 16 - searchRange, 10);
	let offset = header.length;
	const bodies = tables.map((t, i) => {
		const o = 12 + i * 16;
		header.writeUInt32BE(t.tag, o);
		header.writeUInt32BE(t.checksum, o + 4);
		header.writeUInt32BE(offset, o + 8);
		header.writeUInt32BE(t.data.length, o + 12);
		const padded = Buffer.concat([t.data, Buffer.alloc((4 - (t.data.length % 4)) % 4)]);
		offset += padded.length;
		return padded;
	});
	return Buffer.concat([header, ...bodies]);
}
