/**
 * A minimal streaming ZIP writer (entries stored, not compressed: PDFs are compressed already).
 * Each entry is written as soon as it is produced, so a ZIP of a thousand certificates never sits
 * in memory whole. No ZIP64: fine below 4 GiB and 65,535 entries.
 */
import { crc32 } from 'node:zlib';

export type ZipEntry = { name: string; data: Buffer; date?: Date };

function dosDateTime(d: Date): { time: number; date: number } {
	return {
		time: (d.getHours() << 11) | (d.getMinutes() << 5) | Math.floor(d.getSeconds() / 2),
		date: ((d.getFullYear() - 1980) << 9) | ((d.getMonth() + 1) << 5) | d.getDate()
	};
}

export function zipStream(entries: AsyncIterable<ZipEntry> | Iterable<ZipEntry>): ReadableStream<Uint8Array> {
	const central: Buffer[] = [];
	let offset = 0;
	let count = 0;
	const iterator = (async function* () {
		yield* entries;
	})();

	return new ReadableStream<Uint8Array>({
		async pull(controller) {
			const next = await iterator.next();
			if (!next.done) {
				const { name, data, date = new Date() } = next.value;
				const nameBytes = Buffer.from(name, 'utf8');
				const crc = crc32(data);
				const { time, date: day } = dosDateTime(date);
				const local = Buffer.alloc(30);
				local.writeUInt32LE(0x04034b50, 0);
				local.writeUInt16LE(20, 4); // version needed
				local.writeUInt16LE(0x0800, 6); // UTF-8 names
				local.writeUInt16LE(0, 8); // stored
				local.writeUInt16LE(time, 10);
				local.writeUInt16LE(day, 12);
				local.writeUInt32LE(crc, 14);
				local.writeUInt32LE(data.length, 18);
				local.writeUInt32LE(data.length, 22);
				local.writeUInt16LE(nameBytes.length, 26);
				local.writeUInt16LE(0, 28);
				const header = Buffer.alloc(46);
				header.writeUInt32LE(0x02014b50, 0);
				header.writeUInt16LE(20, 4);
				header.writeUInt16LE(20, 6);
				header.writeUInt16LE(0x0800, 8);
				header.writeUInt16LE(0, 10);
				header.writeUInt16LE(time, 12);
				header.writeUInt16LE(day, 14);
				header.writeUInt32LE(crc, 16);
				header.writeUInt32LE(data.length, 20);
				header.writeUInt32LE(data.length, 24);
				header.writeUInt16LE(nameBytes.length, 28);
				header.writeUInt32LE(offset, 42);
				central.push(header, nameBytes);
				controller.enqueue(Buffer.concat([local, nameBytes, data]));
				offset += local.length + nameBytes.length + data.length;
				count++;
				return;
			}
			const dir = Buffer.concat(central);
			const end = Buffer.alloc(22);
			end.writeUInt32LE(0x06054b50, 0);
			end.writeUInt16LE(count, 8);
			end.writeUInt16LE(count, 10);
			end.writeUInt32LE(dir.length, 12);
			end.writeUInt32LE(offset, 16);
			controller.enqueue(Buffer.concat([dir, end]));
			controller.close();
		}
	});
}
