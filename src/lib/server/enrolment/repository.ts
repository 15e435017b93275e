/**
 * Enrolment and module_progress queries. The rules live beside them: `progress.ts` computes
 * progress (pure), `completion.ts` decides when a module and a course are done. Every change here
 * that moves a report count (enrolment, activity, completion) goes through trackReportFacts, which
 * keeps the monthly roll-up in step.
 */
import { sql, type Kysely } from 'kysely';
import { trackReportFacts } from '../reports/rollup';
import type { Course } from '../courses/types';
import type { DB, Enrolment, EnrolmentSource, ModuleProgress, NewEnrolment } from '../db/schema';

/** Records each course version the app has served, so reports can name old versions. */
export async function syncCourseVersions(db: Kysely<DB>, courses: Course[], now = new Date()) {
	for (const c of courses) {
		await db
			.insertInto('course_versions')
			.values({
				course_slug: c.slug,
				version: c.version,
				title: c.title,
				hours: c.hours,
				modules: c.modules.length,
				first_seen_at: now.toISOString()
			})
			.onConflict((oc) => oc.columns(['course_slug', 'version']).doNothing())
			.execute();
	}
}

export function getEnrolment(db: Kysely<DB>, userId: number, courseSlug: string) {
	return db
		.selectFrom('enrolments')
		.selectAll()
		.where('user_id', '=', userId)
		.where('course_slug', '=', courseSlug)
		.executeTakeFirst();
}

/** Enrols a person; enrolling again (double click, second tab) returns the same enrolment. */
export async function enrol(
	db: Kysely<DB>,
	userId: number,
	course: Course,
	source: EnrolmentSource,
	now = new Date()
): Promise<Enrolment> {
	return trackReportFacts(db, [userId], async (trx) => {
		await insertEnrolment(trx, userId, course, source, now);
		return (await getEnrolment(trx, userId, course.slug))!;
	});
}

/** A new enrolment's row: active, enrolled and last active at `iso`, in a cohort or not. */
export function newEnrolment(
	userId: number,
	course: Pick<Course, 'slug' | 'version'>,
	source: EnrolmentSource,
	iso: string,
	cohortId: number | null = null
): NewEnrolment {
	return {
		user_id: userId,
		course_slug: course.slug,
		course_version: course.version,
		status: 'active',
		source,
		enrolled_at: iso,
		last_module: null,
		last_activity_at: iso,
		completed_at: null,
		completed_version: null,
		final_score: null,
		cohort_id: cohortId
	};
}

async function insertEnrolment(
	db: Kysely<DB>,
	userId: number,
	course: Course,
	source: EnrolmentSource,
	now: Date
) {
	await db
		.insertInto('enrolments')
		.values(newEnrolment(userId, course, source, now.toISOString()))
		.onConflict((oc) => oc.columns(['user_id', 'course_slug']).doNothing())
		.execute();
}

export function listEnrolmentsOf(db: Kysely<DB>, userId: number) {
	return db
		.selectFrom('enrolments')
		.selectAll()
		.where('user_id', '=', userId)
		.where('status', '!=', 'withdrawn')
		.orderBy('last_activity_at', 'desc')
		.execute();
}

export function progressQuery(db: Kysely<DB>, enrolmentId: number) {
	return db.selectFrom('module_progress').selectAll().where('enrolment_id', '=', enrolmentId);
}

export function progressOf(db: Kysely<DB>, enrolmentId: number): Promise<ModuleProgress[]> {
	return progressQuery(db, enrolmentId).execute();
}

export type ProgressChange = Partial<
	Pick<ModuleProgress, 'read_at' | 'passed_at' | 'quiz_percent'>
>;

/** One statement: creates the row or updates it, keeping the earliest read and pass. */
export async function upsertProgress(
	db: Kysely<DB>,
	enrolmentId: number,
	moduleSlug: string,
	set: ProgressChange
) {
	await upsertProgressQuery(db, enrolmentId, moduleSlug, set).execute();
}

export function upsertProgressQuery(
	db: Kysely<DB>,
	enrolmentId: number,
	moduleSlug: string,
	set: ProgressChange
) {
	return db
		.insertInto('module_progress')
		.values({
			enrolment_id: enrolmentId,
			module_slug: moduleSlug,
			read_at: set.read_at ?? null,
			passed_at: set.passed_at ?? null,
			quiz_percent: set.quiz_percent ?? null,
			completed_at: null
		})
		.onConflict((oc) =>
			oc.columns(['enrolment_id', 'module_slug']).doUpdateSet({
				read_at: sql`coalesce(module_progress.read_at, excluded.read_at)`,
				passed_at: sql`coalesce(module_progress.passed_at, excluded.passed_at)`,
				quiz_percent: sql`coalesce(excluded.quiz_percent, module_progress.quiz_percent)`
			})
		);
}

/** Whether the enrolment's cohort requires in-person attendance that is not recorded yet. */
export async function awaitsAttendance(db: Kysely<DB>, enrolmentId: number): Promise<boolean> {
	const row = await db
		.selectFrom('enrolments')
		.innerJoin('cohorts', 'cohorts.id', 'enrolments.cohort_id')
		.select(['cohorts.requires_attendance', 'enrolments.attended_at'])
		.where('enrolments.id', '=', enrolmentId)
		.executeTakeFirst();
	return !!row && row.requires_attendance === 1 && row.attended_at === null;
}

/** Marks the given modules done, unless already done (a replay keeps the first date). */
export async function markModulesDone(
	db: Kysely<DB>,
	enrolmentId: number,
	moduleSlugs: string[],
	nowIso: string
) {
	await db
		.updateTable('module_progress')
		.set({ completed_at: nowIso })
		.where('enrolment_id', '=', enrolmentId)
		.where('module_slug', 'in', moduleSlugs)
		.where('completed_at', 'is', null)
		.execute();
}

/**
 * Writes the completion once: false when the enrolment was already complete. It moves report
 * counts, so call it inside trackReportFacts (settle does).
 */
export async function completeEnrolment(
	db: Kysely<DB>,
	enrolmentId: number,
	version: string,
	finalScore: number | null,
	nowIso: string
): Promise<boolean> {
	const res = await db
		.updateTable('enrolments')
		.set({
			status: 'completed',
			completed_at: nowIso,
			completed_version: version,
			final_score: finalScore
		})
		.where('id', '=', enrolmentId)
		.where('completed_at', 'is', null)
		.executeTakeFirst();
	return res.numUpdatedRows === 1n;
}

/** Activity this soon after the last, on the same module and in the same month, is not written again. */
export const TOUCH_AGAIN_AFTER_MS = 10 * 60 * 1000;

type Touched = Pick<Enrolment, 'id' | 'user_id'> &
	Partial<Pick<Enrolment, 'last_module' | 'last_activity_at'>>;

/**
 * Whether the enrolment as read at the start of this request already says what `touch` would
 * write, to within TOUCH_AGAIN_AFTER_MS: then a page view or a quiz step costs no write. Reports
 * count activity by month and coordinators read it by day, so ten minutes change neither.
 */
export function touchedRecently(enrolment: Touched, moduleSlug: string, nowIso: string): boolean {
	const last = enrolment.last_activity_at;
	if (!last || enrolment.last_module !== moduleSlug || last.slice(0, 7) !== nowIso.slice(0, 7))
		return false;
	const ago = Date.parse(nowIso) - Date.parse(last);
	return ago >= 0 && ago < TOUCH_AGAIN_AFTER_MS;
}

/**
 * Records activity on the enrolment (and the module to continue from). Most activity falls in the
 * month of the last one, which moves no report count: one conditional update. Activity in a new
 * month moves the enrolment's "active" month, so that update goes through the roll-up.
 */
export async function touch(
	db: Kysely<DB>,
	enrolment: Touched,
	moduleSlug: string,
	nowIso: string
) {
	if (touchedRecently(enrolment, moduleSlug, nowIso)) return;
	const update = (trx: Kysely<DB>) =>
		trx
			.updateTable('enrolments')
			.set({ last_module: moduleSlug, last_activity_at: nowIso })
			.where('id', '=', enrolment.id);
	const sameMonth = await update(db)
		.where(sql<string>`substr(last_activity_at, 1, 7)`, '=', nowIso.slice(0, 7))
		.executeTakeFirst();
	if (sameMonth.numUpdatedRows === 1n) return;
	await trackReportFacts(db, [enrolment.user_id], (trx) => update(trx).execute());
}

/** Remembers the module as the place to continue from. */
export async function recordVisit(
	db: Kysely<DB>,
	enrolment: Touched,
	moduleSlug: string,
	now = new Date()
) {
	await touch(db, enrolment, moduleSlug, now.toISOString());
}
