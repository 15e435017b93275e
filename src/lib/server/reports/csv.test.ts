import { describe, expect, it } from 'vitest';
import { BOM, csvField, enrolmentCsv, reportCsv } from './csv';
import type { EnrolmentExportRow } from './enrolment-rows';
import { sampleReport } from './test-fixtures';

const row = (id: number): EnrolmentExportRow => ({
	id,
	country: 'BO',
	institution: 'Policía Boliviana',
	unit: null,
	department: 'La Paz',
	course: 'frontera',
	courseVersion: 'abc123',
	status: 'completed',
	enrolledAt: '2025-01-02T10:00:00.000Z',
	lastActivityAt: '2025-02-01T10:00:00.000Z',
	completedAt: '2025-02-01T10:00:00.000Z',
	completedVersion: 'abc123',
	finalScore: 87.5,
	hours: 4,
	certificateIssuedAt: '2025-02-01T10:05:00.000Z',
	certificateRevokedAt: null
});

// ignoreBOM keeps the byte-order mark in the text (the default decoder drops it).
const decoder = new TextDecoder('utf-8', { ignoreBOM: true });
async function rest(reader: ReadableStreamDefaultReader<Uint8Array>) {
	let out = '';
	for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read())
		out += decoder.decode(chunk.value, { stream: true });
	return out;
}

describe('CSV', () => {
	it('quotes separators and quotes, and defuses spreadsheet formulas', () => {
		expect(csvField('Ministerio de Gobierno')).toBe('Ministerio de Gobierno');
		expect(csvField('Trata, tráfico')).toBe('"Trata, tráfico"');
		expect(csvField('dice "hola"')).toBe('"dice ""hola"""');
		expect(csvField('=HYPERLINK("x")')).toBe('"\'=HYPERLINK(""x"")"');
		expect(csvField('+591')).toBe("'+591");
		expect(csvField(-3)).toBe('-3');
		expect(csvField(null)).toBe('');
	});

	it('writes the report by institution with a BOM, CRLF lines, plain numbers and the total', () => {
		const csv = reportCsv(sampleReport(), 'es');
		expect(csv.startsWith(BOM)).toBe(true);
		const lines = csv.slice(1).split('\r\n');
		expect(lines[0]).toBe(
			'Institución,País,Inscripciones,Activas,Completadas,Tasa de finalización,Nota final media,Certificados emitidos,Certificados revocados,Horas de capacitación,Personas capacitadas'
		);
		expect(lines[1]).toBe('Policía Boliviana,Bolivia,700,650,300,42.9,80,290,5,1500,260');
		expect(lines[4]).toBe('Sin institución,,0,0,0,,,0,0,0,0');
		expect(lines[5]).toBe('Total,Bolivia y Perú,1234,1100,640,51.9,82.25,600,12,2830,512');
		expect(lines[6]).toBe('');
	});

	it('writes English headers for English readers', () => {
		expect(reportCsv(sampleReport(), 'en').split('\r\n')[0]).toContain(
			'Institution,Country,Enrolments,Active,Completed,Completion rate'
		);
	});

	it('streams the per-enrolment file, asking for the next page only when the reader wants it', async () => {
		let served = 0;
		async function* pages() {
			for (let p = 0; p < 3; p++) {
				served++;
				yield [row(2 * p + 1), row(2 * p + 2)];
			}
		}
		const stream = enrolmentCsv(pages(), 'es');
		const reader = stream.getReader();
		const bytes = (await reader.read()).value!;
		expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
		const first = decoder.decode(bytes);
		expect(
			first.startsWith(`${BOM}N.º de inscripción,País,Institución,Unidad,Departamento,Curso,`)
		).toBe(true);
		expect(served).toBeLessThanOrEqual(1);
		const remaining = await rest(reader);
		expect(served).toBe(3);
		const lines = (first + remaining).slice(1).trimEnd().split('\r\n');
		expect(lines).toHaveLength(7);
		expect(lines[1]).toBe(
			'1,Bolivia,Policía Boliviana,Sin unidad,La Paz,frontera,abc123,Completado,2025-01-02T10:00:00.000Z,2025-02-01T10:00:00.000Z,2025-02-01T10:00:00.000Z,abc123,87.5,4,2025-02-01T10:05:00.000Z,'
		);
	});
});
