import { requireRole } from '$lib/server/auth/guard';
import { requireCohort } from '$lib/server/cohorts/access';
import { toCsv } from '$lib/server/cohorts/csv';
import { learnerFilter } from '$lib/server/cohorts/form';
import { listCohortLearners } from '$lib/server/cohorts/repository';
import { findCourse } from '$lib/server/courses/catalog';
import { getDb } from '$lib/server/db';
import { t } from '$lib/server/i18n';
import { m } from '$lib/paraglide/messages';
import type { RequestHandler } from './$types';
import { contentDisposition } from '$lib/server/http';

/** The cohort's participants as the page lists them (same filters), for a spreadsheet. */
export const GET: RequestHandler = async (event) => {
	const user = requireRole(event, 'coordinator', 'admin');
	const db = getDb();
	const cohort = await requireCohort(db, user, event.params.id);
	const learners = await listCohortLearners(
		db,
		cohort,
		findCourse(cohort.course_slug),
		learnerFilter(event.url.searchParams)
	);
	const csv = toCsv([
		[
			m.table_name(),
			m.table_email(),
			m.table_unit(),
			m.cohort_col_state(),
			m.cohort_col_progress(),
			m.cohort_col_overdue(),
			m.cohort_col_attended(),
			m.cohort_col_completed_at()
		],
		...learners.map((l) => [
			l.fullName,
			l.email,
			l.unit,
			t(`cohort_state_${l.state.replace('-', '_')}`),
			`${l.percent} %`,
			l.overdue ? '✓' : '',
			l.attendedAt?.slice(0, 10),
			l.completedAt?.slice(0, 10)
		])
	]);
	const name = `cohorte-${cohort.id}.csv`;
	return new Response(csv, {
		headers: {
			'content-type': 'text/csv; charset=utf-8',
			'content-disposition': contentDisposition(name),
			'cache-control': 'private, no-store'
		}
	});
};
