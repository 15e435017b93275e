/**
 * The report queries: one report (Council or institution) as plain data, and what the filter
 * form offers. The counts come from ./council-facts (many people) or ./narrow-facts (one
 * institution or department, in one pass); ./aggregate adds them up in every direction the
 * report shows.
 */
import type { Kysely } from 'kysely';
import type { Country, DB } from '../db/schema';
import { assembleReport, type Names, type ReportData } from './aggregate';
import { councilFacts } from './council-facts';
import type { ReportFilter } from './filters';
import { isNarrow, narrowFacts } from './narrow-facts';
import type { ReportScope } from './report-sql';

export { personFilter, type ReportScope } from './report-sql';

/** The grouped counts of a report, by whichever query shape suits how many people it covers. */
export function reportFacts(db: Kysely<DB>, f: ReportFilter, scope: ReportScope) {
	return isNarrow(f, scope) ? narrowFacts(db, f, scope) : councilFacts(db, f, scope);
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
