import { describe, expect, it } from 'vitest';
import { parseCsv } from './csv';
import { dataRows, planImport, summarise, type PlanContext } from './import-plan';

const ctx: PlanContext = {
	institutionId: 1,
	cohortId: 10,
	units: new Map([['consulado general en buenos aires', 5]]),
	people: new Map([
		['ya@x.bo', { id: 100, institutionId: 1 }],
		['colega@x.bo', { id: 101, institutionId: 1 }],
		['otra@x.bo', { id: 102, institutionId: 2 }],
		['propio@x.bo', { id: 103, institutionId: 1 }]
	]),
	enrolments: new Map([
		[100, { cohortId: 10, status: 'active' }],
		[103, { cohortId: null, status: 'active' }]
	])
};

const plan = (csv: string) => planImport(dataRows(parseCsv(csv)), ctx);

describe('planImport', () => {
	it('classifies each row: new account, existing colleague, already in the cohort', () => {
		const rows = plan('nombre;correo;unidad\nAna Nueva;ANA@x.bo;Consulado General en  Buenos Aires\nColega;colega@x.bo;\nYa Está;ya@x.bo;');
		expect(rows.map((r) => [r.line, r.action, r.unitId, r.userId])).toEqual([
			[2, 'create', 5, null],
			[3, 'enrol', null, 101],
			[4, 'unchanged', null, 100]
		]);
		expect(rows[0].email).toBe('ana@x.bo');
	});

	it('reports every error of a row', () => {
		const rows = plan('A;no-es-correo;Unidad Inventada\nOtra;otra@x.bo;\nPropio;propio@x.bo;\nAna;ana@x.bo\nAna Bis;Ana@x.bo;\nTres;tres@x.bo;a;b');
		const errors = rows.map((r) => (r.action === 'error' ? r.errors : r.action));
		expect(errors).toEqual([
			['import_error_name', 'import_error_email', 'import_error_unit'],
			['import_error_other_institution'],
			['import_error_enrolled'],
			'create',
			['import_error_duplicate'],
			['import_error_columns', 'import_error_unit']
		]);
		expect(summarise(rows)).toEqual({ create: 1, enrol: 0, unchanged: 0, error: 5 });
	});

	it('takes the first line as data when it is not a header', () => {
		expect(plan('Ana,ana@x.bo,').map((r) => r.line)).toEqual([1]);
		expect(plan('Nombre,Correo,Unidad\nAna,ana@x.bo,').map((r) => r.line)).toEqual([2]);
	});

	it('treats a withdrawn learner of this cohort as an error, not as enrolled', () => {
		const rows = planImport(dataRows([['Ya', 'ya@x.bo', '']]), {
			...ctx,
			enrolments: new Map([[100, { cohortId: 10, status: 'withdrawn' }]])
		});
		expect(rows[0]).toMatchObject({ action: 'error', errors: ['import_error_enrolled'] });
	});
});
