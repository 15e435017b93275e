/**
 * Cohort queries. Cohorts: one institution's group taking one course, with dates, a completion
 * deadline and an optional in-person stage. Who may manage one is in `access.ts`, what the forms
 * and the learner filter accept in `form.ts`, the pace ("behind") rule in `pace.ts`.
 */
import { sql, type Kysely } from 'kysely';
import { recordAudit } from '../audit';
import type { Course } from '../courses/types';
import type { Cohort, DB } from '../db/schema';
import { settle } from '../enrolment/completion';
import { trackReportFacts } from '../reports/rollup';
import type { CohortForm, LearnerFilter, LearnerState } from './form';
import { behindBelow, isBehind, today } from './pace';

export function getCohort(db: Kysely<DB>, id: number): Promise<Cohort | undefined> {
	return db.selectFrom('cohorts').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function createCohort(
	db: Kysely<DB>,
	actorId: number,
	institutionId: number,
	f: CohortForm,
	now = new Date()
) {
	return db.transaction().execute(async (trx) => {
		const cohort = await trx
			.insertInto('cohorts')
			.values({
				institution_id: institutionId,
				course_slug: f.courseSlug,
				name: f.name,
				starts_on: f.startsOn,
				ends_on: f.endsOn,
				deadline_on: f.deadlineOn,
				requires_attendance: f.requiresAttendance ? 1 : 0,
				in_person_on: f.inPersonOn,
				in_person_place: f.inPersonPlace,
				created_at: now.toISOString(),
				created_by: actorId
			})
			.returningAll()
			.executeTakeFirstOrThrow();
		await recordAudit(
			trx,
			{
				actorId,
				action: 'cohort.create',
				targetType: 'cohort',
				targetId: cohort.id,
				details: { institutionId, ...f }
			},
			now
		);
		return cohort;
	});
}

const started = sql<number>`(case when exists (select 1 from module_progress mp where mp.enrolment_id = enrolments.id) then 1 else 0 end)`;

export type CohortWithCounts = Cohort & {
	institution_name: string;
	enrolled: number;
	not_started: number;
	in_progress: number;
	completed: number;
	overdue: number;
};

/** Cohorts of some institutions ('all' for admins) with their counts; overdue = past deadline, not completed. */
export async function listCohorts(
	db: Kysely<DB>,
	scope: number[] | 'all',
	now = new Date()
): Promise<CohortWithCounts[]> {
	if (scope !== 'all' && scope.length === 0) return [];
	const day = today(now);
	let q = db
		.selectFrom('cohorts')
		.innerJoin('institutions', 'institutions.id', 'cohorts.institution_id')
		// Counted like the learner list: people still of the cohort's institution (a transfer moves them out).
		.leftJoin('enrolments', (j) =>
			j
				.onRef('enrolments.cohort_id', '=', 'cohorts.id')
				.on('enrolments.status', '!=', 'withdrawn')
				.on((eb) =>
					eb.exists(
						eb
							.selectFrom('users')
							.select('users.id')
							.whereRef('users.id', '=', 'enrolments.user_id')
							.whereRef('users.institution_id', '=', 'cohorts.institution_id')
					)
				)
		)
		.selectAll('cohorts')
		.select([
			'institutions.name as institution_name',
			sql<number>`count(enrolments.id)`.as('enrolled'),
			sql<number>`coalesce(sum(case when enrolments.id is not null and enrolments.completed_at is null and ${started} = 0 then 1 else 0 end), 0)`.as(
				'not_started'
			),
			sql<number>`coalesce(sum(case when enrolments.id is not null and enrolments.completed_at is null and ${started} = 1 then 1 else 0 end), 0)`.as(
				'in_progress'
			),
			sql<number>`coalesce(sum(case when enrolments.completed_at is not null then 1 else 0 end), 0)`.as(
				'completed'
			),
			sql<number>`coalesce(sum(case when enrolments.id is not null and enrolments.completed_at is null and cohorts.deadline_on < ${day} then 1 else 0 end), 0)`.as(
				'overdue'
			)
		])
		.groupBy(['cohorts.id', 'institutions.name']);
	if (scope !== 'all') q = q.where('cohorts.institution_id', 'in', scope);
	const rows = await q.orderBy('cohorts.starts_on', 'desc').orderBy('cohorts.id', 'desc').execute();
	return rows.map((r) => ({
		...r,
		enrolled: Number(r.enrolled),
		not_started: Number(r.not_started),
		in_progress: Number(r.in_progress),
		completed: Number(r.completed),
		overdue: Number(r.overdue)
	}));
}

export type CohortLearner = {
	enrolmentId: number;
	userId: number;
	fullName: string;
	email: string;
	unit: string | null;
	done: number;
	total: number;
	percent: number;
	state: LearnerState;
	overdue: boolean;
	/** Below the cohort's pace (see isBehind); never for completed or withdrawn learners. */
	behind: boolean;
	attendedAt: string | null;
	completedAt: string | null;
	lastActivityAt: string | null;
};

const doneModules = sql<number>`(select count(*) from module_progress mp where mp.enrolment_id = enrolments.id and mp.completed_at is not null)`;

/** Enrolments of the cohort that `filter` keeps, with the joins the listing needs (no columns yet). */
function filteredLearners(
	db: Kysely<DB>,
	cohort: Cohort,
	total: number,
	filter: LearnerFilter,
	now: Date
) {
	let q = db
		.selectFrom('enrolments')
		.innerJoin('users', 'users.id', 'enrolments.user_id')
		.leftJoin('units', 'units.id', 'users.unit_id')
		.where('enrolments.cohort_id', '=', cohort.id)
		.where('users.institution_id', '=', cohort.institution_id);
	if (filter.q) {
		const like = `%${filter.q.trim().toLowerCase()}%`;
		q = q.where((eb) =>
			eb.or([
				eb(eb.fn('lower', ['users.full_name']), 'like', like),
				eb('users.email', 'like', like)
			])
		);
	}
	// The same rules as the states computed in listCohortLearners' rows.
	const open = () =>
		q.where('enrolments.status', '!=', 'withdrawn').where('enrolments.completed_at', 'is', null);
	switch (filter.state) {
		case 'withdrawn':
			return q.where('enrolments.status', '=', 'withdrawn');
		case 'completed':
			return q
				.where('enrolments.status', '!=', 'withdrawn')
				.where('enrolments.completed_at', 'is not', null);
		case 'in-progress':
			return open().where(started, '=', 1);
		case 'not-started':
			return open().where(started, '=', 0);
		case 'overdue':
			return cohort.deadline_on < today(now) ? open() : q.where(sql<boolean>`1 = 0`);
		case 'behind':
			return open().where(doneModules, '<', behindBelow(cohort, total, today(now)));
		default:
			return q;
	}
}

/**
 * The learners of a cohort with their progress, filtered in the database, optionally one page of
 * them (`{ limit, offset }`, ordered by name). Only people of the cohort's institution are listed,
 * even if someone was moved elsewhere since (a transfer keeps the history, not the visibility).
 */
export async function listCohortLearners(
	db: Kysely<DB>,
	cohort: Cohort,
	course: Course | undefined,
	filter: LearnerFilter = {},
	now = new Date(),
	page?: { limit: number; offset: number }
): Promise<CohortLearner[]> {
	const total = course?.modules.length ?? 0;
	let q = filteredLearners(db, cohort, total, filter, now)
		.select([
			'enrolments.id as enrolment_id',
			'enrolments.status',
			'enrolments.completed_at',
			'enrolments.attended_at',
			'enrolments.last_activity_at',
			'users.id as user_id',
			'users.full_name',
			'users.email',
			'units.name as unit_name',
			doneModules.as('done'),
			started.as('started')
		])
		.orderBy('users.full_name')
		.orderBy('enrolments.id');
	if (page) q = q.limit(page.limit).offset(page.offset);
	const rows = await q.execute();
	const pastDeadline = cohort.deadline_on < today(now);
	return rows.map((r): CohortLearner => {
		const state: LearnerState =
			r.status === 'withdrawn'
				? 'withdrawn'
				: r.completed_at
					? 'completed'
					: Number(r.started)
						? 'in-progress'
						: 'not-started';
		const done = Number(r.done);
		return {
			enrolmentId: r.enrolment_id,
			userId: r.user_id,
			fullName: r.full_name,
			email: r.email,
			unit: r.unit_name,
			done,
			total,
			percent: total ? Math.round((100 * done) / total) : 0,
			state,
			overdue: pastDeadline && (state === 'not-started' || state === 'in-progress'),
			behind:
				(state === 'not-started' || state === 'in-progress') &&
				isBehind(total ? (100 * done) / total : 0, cohort, today(now)),
			attendedAt: r.attended_at,
			completedAt: r.completed_at,
			lastActivityAt: r.last_activity_at
		};
	});
}

/** Learners shown per page of a cohort: a cohort of 10,000 would otherwise be megabytes of HTML. */
export const LEARNERS_PER_PAGE = 50;

/** One page (from 1) of the cohort's learners under `filter`, with how many match in all. */
export async function cohortLearnerPage(
	db: Kysely<DB>,
	cohort: Cohort,
	course: Course | undefined,
	filter: LearnerFilter,
	page: number,
	now = new Date()
) {
	const total = course?.modules.length ?? 0;
	const counted = await filteredLearners(db, cohort, total, filter, now)
		.select((eb) => eb.fn.countAll<number>().as('n'))
		.executeTakeFirstOrThrow();
	const matching = Number(counted.n);
	const pages = Math.max(1, Math.ceil(matching / LEARNERS_PER_PAGE));
	const current = Math.min(Math.max(1, page), pages);
	const learners = await listCohortLearners(db, cohort, course, filter, now, {
		limit: LEARNERS_PER_PAGE,
		offset: (current - 1) * LEARNERS_PER_PAGE
	});
	return { learners, matching, page: current, pages };
}

/**
 * Records attendance at the in-person stage for some learners of the cohort, completing the course
 * (certificate included) of those who had finished every module — all in one transaction.
 * Returns how many were marked and how many completed.
 */
export async function recordAttendance(
	db: Kysely<DB>,
	actorId: number,
	cohort: Cohort,
	course: Course,
	enrolmentIds: number[],
	now = new Date()
): Promise<{ marked: number; completed: number }> {
	if (enrolmentIds.length === 0) return { marked: 0, completed: 0 };
	const iso = now.toISOString();
	// settle() moves the report counts of the courses this completes.
	return db.transaction().execute(async (trx) => {
		const marked = await trx
			.updateTable('enrolments')
			.set({ attended_at: iso })
			.where('cohort_id', '=', cohort.id)
			.where('id', 'in', enrolmentIds)
			.where('status', '!=', 'withdrawn')
			.where('attended_at', 'is', null)
			.returningAll()
			.execute();
		let completed = 0;
		for (const e of marked) if (await settle(trx, e, course, iso)) completed++;
		if (marked.length) {
			await recordAudit(
				trx,
				{
					actorId,
					action: 'cohort.attendance',
					targetType: 'cohort',
					targetId: cohort.id,
					details: { enrolments: marked.map((e) => e.id) }
				},
				now
			);
		}
		return { marked: marked.length, completed };
	});
}

/** Withdraws a learner from a cohort: the enrolment and its progress stay, marked withdrawn. */
export async function withdrawLearner(
	db: Kysely<DB>,
	actorId: number,
	cohort: Cohort,
	enrolmentId: number,
	now = new Date()
) {
	const learner = await db
		.selectFrom('enrolments')
		.select('user_id')
		.where('id', '=', enrolmentId)
		.executeTakeFirst();
	if (!learner) return false;
	return trackReportFacts(db, [learner.user_id], async (trx) => {
		const res = await trx
			.updateTable('enrolments')
			.set({ status: 'withdrawn', withdrawn_at: now.toISOString() })
			.where('id', '=', enrolmentId)
			.where('cohort_id', '=', cohort.id)
			.where('status', '=', 'active')
			.executeTakeFirst();
		if (res.numUpdatedRows !== 1n) return false;
		await recordAudit(
			trx,
			{
				actorId,
				action: 'cohort.withdraw',
				targetType: 'enrolment',
				targetId: enrolmentId,
				details: { cohortId: cohort.id }
			},
			now
		);
		return true;
	});
}

/** Mails sent by a coordinator's actions to people of their institution (their outbox view). */
export function listInstitutionOutbox(
	db: Kysely<DB>,
	institutionId: number,
	sentBy: number | null,
	limit = 100
) {
	let q = db.selectFrom('outbox').selectAll().where('institution_id', '=', institutionId);
	if (sentBy !== null) q = q.where('sent_by', '=', sentBy);
	return q.orderBy('id', 'desc').limit(limit).execute();
}
