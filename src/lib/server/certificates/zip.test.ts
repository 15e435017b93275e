import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { zipStream } from './zip';

async function collect(stream: ReadableStream<Uint8Array>) {
	return Buffer.concat(await Array.fromAsync(stream as unknown as AsyncIterable<Uint8Array>));
}

describe('zipStream', () => {
	it('writes an archive that standard tools read back byte for byte', async () => {
		const entries = [
			{ name: 'AULA-2345-6789 Ana Peña.pdf', data: Buffer.from('%PDF-1.3 primero') },
			{ name: 'carpeta/segundo.txt', data: Buffer.from('ñandú '.repeat(1000)) }
		];
		const zip = await collect(zipStream(entries));
		const dir = mkdtempSync(join(tmpdir(), 'aula-zip-'));
		const file = join(dir, 'x.zip');
		writeFileSync(file, zip);
		// Python's zipfile checks the CRCs and the central directory.
		const out = execFileSync('python3', [
			'-c',
			'import sys,zipfile,json; z=zipfile.ZipFile(sys.argv[1]); assert z.testzip() is None; print(json.dumps({n: z.read(n).decode() for n in z.namelist()}))',
			file
		]).toString();
		expect(JSON.parse(out)).toEqual(Object.fromEntries(entries.map((e) => [e.name, e.data.toString()])));
	});

	it('writes an empty archive', async () => {
		const zip = await collect(zipStream([]));
		expect(zip.length).toBe(22);
		expect(zip.readUInt32LE(0)).toBe(0x06054b50);
	});
});
