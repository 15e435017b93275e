/**
 * People trained: distinct people with a completion in the period, per institution × unit ×
 * country. Distinct people do not add up across months, so this one figure is always counted
 * from the enrolments (their ids from the completed-month index, then grouped by person).
 */
import { sql, type Kysely } from 'kysely';
import type { DB } from '../db/schema';
import type { TrainedFact } from './aggregate';
import { periodBounds, type ReportFilter } from './filters';
import { inWindow, num, personFilter, type ReportScope } from './report-sql';

export async function peopleTrained(
	db: Kysely<DB>,
	f: ReportFilter,
	scope: ReportScope
): Promise<TrainedFact[]> {
	const person = personFilter(f, scope);
	const rows = await db
		.selectFrom('users as u')
		.$if(person !== null, (q) => q.where(person!))
		.where('u.id', 'in', (eb) =>
			eb
				.selectFrom('enrolments as e')
				.select('e.user_id')
				.where(inWindow(periodBounds(f), 'e.completed_at'))
				.$if(f.course !== null, (q) => q.where('e.course_slug', '=', f.course!))
		)
		.select([
			'u.institution_id as institutionId',
			'u.unit_id as unitId',
			'u.country as country',
			sql<number>`count(*)`.as('people')
		])
		.groupBy(['u.institution_id', 'u.unit_id', 'u.country'])
		.execute();
	return rows.map((r) => ({
		institutionId: r.institutionId,
		unitId: r.unitId,
		country: r.country,
		people: num(r.people)
	}));
}
