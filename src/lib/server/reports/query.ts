/**
 * The report queries: one report (Council or institution) as plain data, and what the filter
 * form offers. A period's whole months are read from the monthly roll-up (./rollup), the days
 * around them from the enrolments (./fact-rows), people trained always from the enrolments
 * (./people-trained); ./aggregate adds it all up in every direction the report shows.
 */
import type { Kysely } from 'kysely';
import type { Country, DB } from '../db/schema';
import {
	assembleReport,
	foldFactRows,
	type CellFact,
	type GroupFact,
	type Names,
	type ReportData,
	type TrainedFact
} from './aggregate';
import { factRows } from './fact-rows';
import { splitPeriod, type ReportFilter } from './filters';
import { peopleTrained } from './people-trained';
import { personFilter, type ReportScope } from './report-sql';
import { rollupRows } from './rollup';

export { personFilter, type ReportScope } from './report-sql';

/** The grouped counts of a report: roll-up months, days around them, and the people trained. */
export async function reportFacts(
	db: Kysely<DB>,
	f: ReportFilter,
	scope: ReportScope
): Promise<{ groups: GroupFact[]; cells: CellFact[]; trained: TrainedFact[] }> {
	const { months, windows } = splitPeriod(f);
	const course = f.course;
	const [stored, trained, ...days] = await Promise.all([
		months ? rollupRows(db, months, { person: personFilter(f, scope, 'r'), course }) : [],
		peopleTrained(db, f, scope),
		...windows.map((window) => factRows(db, { window, person: personFilter(f, scope), course }))
	]);
	return { ...foldFactRows([...stored, ...days.flat()]), trained };
}

/** Course titles: the title of each course's most recently seen version. */
export async function courseTitles(
	db: Kysely<DB>
): Promise<Map<string, { title: string; hours: number }>> {
	const rows = await db
		.selectFrom('course_versions')
		.select(['course_slug', 'title', 'hours'])
		.orderBy('first_seen_at')
		.orderBy('version')
		.execute();
	return new Map(rows.map((r) => [r.course_slug, { title: r.title, hours: Number(r.hours) }]));
}

export async function reportNames(db: Kysely<DB>, institutionId: number | null): Promise<Names> {
	let units = db.selectFrom('units').select(['id', 'name']);
	if (institutionId !== null) units = units.where('institution_id', '=', institutionId);
	const [institutions, unitRows, courses] = await Promise.all([
		db.selectFrom('institutions').select(['id', 'name', 'short_name', 'country']).execute(),
		units.execute(),
		courseTitles(db)
	]);
	return {
		institutions: new Map(
			institutions.map((i) => [i.id, { name: i.name, shortName: i.short_name, country: i.country }])
		),
		units: new Map(unitRows.map((u) => [u.id, { name: u.name }])),
		courses
	};
}

/** The Council's report: every institution of the chosen countries, aggregates only. */
export async function councilReport(
	db: Kysely<DB>,
	f: ReportFilter,
	now = new Date()
): Promise<ReportData> {
	const [facts, names] = await Promise.all([
		reportFacts(db, f, { institutionId: null }),
		reportNames(db, null)
	]);
	return assembleReport({ kind: 'council', filter: f, institution: null, ...facts, names, now });
}

/** One institution's report, by unit. The caller checks that the viewer may see the institution. */
export async function institutionReport(
	db: Kysely<DB>,
	institution: { id: number; name: string; country: Country },
	f: ReportFilter,
	now = new Date()
): Promise<ReportData> {
	const [facts, names] = await Promise.all([
		reportFacts(db, f, { institutionId: institution.id }),
		reportNames(db, institution.id)
	]);
	return assembleReport({ kind: 'institution', filter: f, institution, ...facts, names, now });
}

/** What the filter form offers: the courses ever served and the departments in use. */
export async function reportOptions(db: Kysely<DB>) {
	const [courses, unitDepartments, institutionDepartments] = await Promise.all([
		courseTitles(db),
		db
			.selectFrom('units')
			.select('department')
			.distinct()
			.where('department', 'is not', null)
			.execute(),
		db
			.selectFrom('institutions')
			.select('department')
			.distinct()
			.where('department', 'is not', null)
			.execute()
	]);
	const departments = new Set(
		[...unitDepartments, ...institutionDepartments].map((r) => r.department as string)
	);
	return {
		courses: [...courses]
			.map(([slug, c]) => ({ slug, title: c.title }))
			.sort((a, b) => a.title.localeCompare(b.title, 'es')),
		departments: [...departments].sort((a, b) => a.localeCompare(b, 'es'))
	};
}
