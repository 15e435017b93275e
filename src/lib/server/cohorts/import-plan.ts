/**
 * The bulk-enrolment planner: what each CSV row will do, decided before anything is written.
 * Pure: the caller looks up the people, units and enrolments it needs and hands them in.
 */
import { z } from 'zod';

/** A data row of the upload, columns nombre, correo, unidad (in that order, or by header). */
export const EnrolCsvRow = z.object({
	fullName: z.string().trim().min(2, 'import_error_name').max(120, 'import_error_name'),
	email: z.string().trim().toLowerCase().max(254, 'import_error_email').pipe(z.email('import_error_email')),
	unit: z.string().trim().max(200)
});
export type EnrolCsvRow = z.infer<typeof EnrolCsvRow>;

export type ImportError =
	| 'import_error_name'
	| 'import_error_email'
	| 'import_error_unit'
	| 'import_error_duplicate'
	| 'import_error_enrolled'
	| 'import_error_other_institution'
	| 'import_error_columns';

export type PlannedRow = {
	/** Line in the file (1 = first line, the header if there is one). */
	line: number;
	fullName: string;
	email: string;
	unit: string;
	unitId: number | null;
	userId: number | null;
} & (
	| { action: 'create' } // new account, invited, enrolled
	| { action: 'enrol' } // existing account of the institution, enrolled
	| { action: 'unchanged' } // already in this cohort: nothing to do
	| { action: 'error'; errors: ImportError[] }
);

export type PlanContext = {
	institutionId: number;
	cohortId: number;
	/** Unit names of the institution, lower-cased and trimmed → id. */
	units: Map<string, number>;
	/** Existing accounts by (lower-case) email. */
	people: Map<string, { id: number; institutionId: number | null }>;
	/** The course's enrolments of those people: user id → the cohort it is in (null for none). */
	enrolments: Map<number, { cohortId: number | null; status: string }>;
};

const HEADER = /^(nombre|name|nombres?\s+y\s+apellidos|nombre\s+completo)$/i;

/** The data rows and their line numbers: drops a header row when its first cell names the column. */
export function dataRows(rows: string[][]): { line: number; cells: string[] }[] {
	const numbered = rows.map((cells, i) => ({ line: i + 1, cells }));
	return numbered.length && HEADER.test(numbered[0].cells[0]?.trim() ?? '') ? numbered.slice(1) : numbered;
}

/** The lower-cased emails of rows (for the look-ups the planner needs). */
export function emailsOf(rows: { cells: string[] }[]): string[] {
	return [...new Set(rows.map((r) => (r.cells[1] ?? '').trim().toLowerCase()).filter(Boolean))];
}

export const unitKey = (name: string) => name.trim().toLowerCase().replace(/\s+/g, ' ');

export function planImport(rows: { line: number; cells: string[] }[], ctx: PlanContext): PlannedRow[] {
	const seen = new Set<string>();
	return rows.map(({ line, cells }) => {
		const [fullName = '', email = '', unit = ''] = cells.map((c) => c.trim());
		const base = { line, fullName, email: email.toLowerCase(), unit, unitId: null, userId: null };
		const errors: ImportError[] = [];
		if (cells.length < 2 || cells.length > 3) errors.push('import_error_columns');
		const parsed = EnrolCsvRow.safeParse({ fullName, email, unit });
		if (!parsed.success) for (const issue of parsed.error.issues) errors.push(issue.message as ImportError);
		const unitId = unit ? (ctx.units.get(unitKey(unit)) ?? null) : null;
		if (unit && unitId === null) errors.push('import_error_unit');
		if (seen.has(base.email)) errors.push('import_error_duplicate');
		if (base.email) seen.add(base.email);
		const person = ctx.people.get(base.email);
		const enrolment = person ? ctx.enrolments.get(person.id) : undefined;
		if (person && person.institutionId !== ctx.institutionId) errors.push('import_error_other_institution');
		else if (enrolment && (enrolment.cohortId !== ctx.cohortId || enrolment.status === 'withdrawn')) {
			errors.push('import_error_enrolled');
		}
		const row = { ...base, email: parsed.success ? parsed.data.email : base.email, unitId, userId: person?.id ?? null };
		if (errors.length) return { ...row, action: 'error', errors: [...new Set(errors)] };
		if (enrolment) return { ...row, action: 'unchanged' };
		return { ...row, action: person ? 'enrol' : 'create' };
	});
}

export type PlanSummary = Record<PlannedRow['action'], number>;

export function summarise(plan: PlannedRow[]): PlanSummary {
	const s: PlanSummary = { create: 0, enrol: 0, unchanged: 0, error: 0 };
	for (const r of plan) s[r.action]++;
	return s;
}
