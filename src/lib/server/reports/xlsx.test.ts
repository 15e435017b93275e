import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import type { EnrolmentExportRow } from './enrolment-rows';
import { sampleReport } from './test-fixtures';
import { reportXlsx } from './xlsx';

async function workbookOf(stream: NodeJS.ReadableStream) {
	const chunks: Buffer[] = [];
	for await (const c of stream) chunks.push(c as Buffer);
	const wb = new ExcelJS.Workbook();
	await wb.xlsx.load(Buffer.concat(chunks) as unknown as ArrayBuffer);
	return wb;
}

describe('XLSX', () => {
	it('has a summary, the institutions, countries, courses and months, with numbers as numbers', async () => {
		const wb = await workbookOf(reportXlsx(sampleReport(), 'es'));
		expect(wb.worksheets.map((s) => s.name)).toEqual([
			'Resumen',
			'Instituciones',
			'Países',
			'Cursos',
			'Meses'
		]);
		const summary = wb.getWorksheet('Resumen')!;
		expect(summary.getCell('A1').value).toBe('Informe de capacitación');
		expect(summary.getCell('B2').value).toBe('Del 1 ene 2025 al 31 mar 2025');
		const inst = wb.getWorksheet('Instituciones')!;
		expect(inst.getRow(1).values).toEqual([
			undefined,
			'Institución',
			'Inscripciones',
			'Activas',
			'Completadas',
			'Tasa de finalización',
			'Nota final media',
			'Certificados emitidos',
			'Certificados revocados',
			'Horas de capacitación',
			'Personas capacitadas'
		]);
		expect(inst.getRow(2).values).toEqual([
			undefined,
			'Policía Boliviana (BO)',
			700,
			650,
			300,
			0.4286,
			80,
			290,
			5,
			1500,
			260
		]);
		expect(inst.getCell('E2').numFmt).toBe('0.0%');
		expect(inst.getRow(6).getCell(1).value).toBe('Total');
		expect(inst.getRow(6).getCell(2).value).toBe(1234);
		expect(wb.getWorksheet('Meses')!.getCell('A4').value).toBe('mar 2025');
	});

	it('streams the enrolment rows into their own sheet', async () => {
		async function* pages(): AsyncGenerator<EnrolmentExportRow[]> {
			for (let p = 0; p < 3; p++)
				yield Array.from({ length: 500 }, (_, i) => ({
					id: p * 500 + i + 1,
					country: 'PE' as const,
					institution: 'Poder Judicial',
					unit: null,
					department: null,
					course: 'frontera',
					courseVersion: 'v1',
					status: 'active' as const,
					enrolledAt: '2025-01-02T10:00:00.000Z',
					lastActivityAt: null,
					completedAt: null,
					completedVersion: null,
					finalScore: null,
					hours: null,
					certificateIssuedAt: null,
					certificateRevokedAt: null
				}));
		}
		const wb = await workbookOf(reportXlsx(sampleReport({ countries: [] }), 'en', pages()));
		expect(wb.worksheets.map((s) => s.name)).toEqual([
			'Summary',
			'Institutions',
			'Courses',
			'Months',
			'Enrolments'
		]);
		const sheet = wb.getWorksheet('Enrolments')!;
		expect(sheet.rowCount).toBe(1501);
		expect(sheet.getRow(1501).values).toEqual([
			undefined,
			1500,
			'Peru',
			'Poder Judicial',
			'No unit',
			'No department',
			'frontera',
			'v1',
			'In progress',
			'2025-01-02T10:00:00.000Z'
		]);
	});
});
