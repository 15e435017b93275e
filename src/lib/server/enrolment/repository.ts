/**
 * Enrolments and per-module progress. A module is done when it has been read and, if it has a
 * quiz, the quiz is passed; the course is complete when every module is. Completion is written
 * once (a conditional update), with its certificate, inside the transaction of the step that
 * finished the course. Every change here that moves a report count (enrolment, activity,
 * completion, certificate) goes through trackReportFacts, which keeps the monthly roll-up in step.
 */
import { sql, type Kysely } from 'kysely';
import { issueCertificate } from '../certificates/repository';
import { claimClientAction } from './client-actions';
import { trackReportFacts } from '../reports/rollup';
import type { Course, Module } from '../courses/types';
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

export function progressOf(db: Kysely<DB>, enrolmentId: number): Promise<ModuleProgress[]> {
	return db
		.selectFrom('module_progress')
		.selectAll()
		.where('enrolment_id', '=', enrolmentId)
		.execute();
}

export type ModuleState = 'done' | 'read' | 'todo';

export function moduleState(module: Module, p: ModuleProgress | undefined): ModuleState {
	if (p?.completed_at) return 'done';
	return p?.read_at ? 'read' : 'todo';
}

export type CourseProgress = {
	done: number;
	total: number;
	percent: number;
	states: Record<string, ModuleState>;
	/** Where "continue" leads: the last module visited unless done, else the first not done. */
	next: Module | null;
};

export function courseProgress(
	course: Course,
	rows: ModuleProgress[],
	lastModule: string | null
): CourseProgress {
	const bySlug = new Map(rows.map((r) => [r.module_slug, r]));
	const states = Object.fromEntries(
		course.modules.map((m) => [m.slug, moduleState(m, bySlug.get(m.slug))])
	);
	const done = course.modules.filter((m) => states[m.slug] === 'done').length;
	const last = course.modules.find((m) => m.slug === lastModule && states[m.slug] !== 'done');
	return {
		done,
		total: course.modules.length,
		percent: course.modules.length ? Math.round((100 * done) / course.modules.length) : 0,
		states,
		next: last ?? course.modules.find((m) => states[m.slug] !== 'done') ?? null
	};
}

/** One statement: creates the row or updates it, keeping the earliest read and pass. */
async function upsertProgress(
	db: Kysely<DB>,
	enrolmentId: number,
	moduleSlug: string,
	set: Partial<Pick<ModuleProgress, 'read_at' | 'passed_at' | 'quiz_percent'>>
) {
	await db
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
		)
		.execute();
}

/** Whether the enrolment's cohort requires in-person attendance that is not recorded yet. */
async function awaitsAttendance(db: Kysely<DB>, enrolmentId: number): Promise<boolean> {
	const row = await db
		.selectFrom('enrolments')
		.innerJoin('cohorts', 'cohorts.id', 'enrolments.cohort_id')
		.select(['cohorts.requires_attendance', 'enrolments.attended_at'])
		.where('enrolments.id', '=', enrolmentId)
		.executeTakeFirst();
	return !!row && row.requires_attendance === 1 && row.attended_at === null;
}

/**
 * Marks modules done whose conditions now hold, then completes the course if all are (and the
 * cohort's in-person stage, when it requires one, is attended). Call inside a transaction. Only
 * the completion itself (with its certificate) moves report counts, so only it is tracked.
 */
export async function settle(db: Kysely<DB>, enrolment: Enrolment, course: Course, nowIso: string) {
	const rows = await progressOf(db, enrolment.id);
	const bySlug = new Map(rows.map((r) => [r.module_slug, r]));
	const newlyDone = course.modules.filter((m) => {
		const p = bySlug.get(m.slug);
		return p && !p.completed_at && p.read_at && (!m.quiz || p.passed_at);
	});
	if (newlyDone.length) {
		await db
			.updateTable('module_progress')
			.set({ completed_at: nowIso })
			.where('enrolment_id', '=', enrolment.id)
			.where(
				'module_slug',
				'in',
				newlyDone.map((m) => m.slug)
			)
			.where('completed_at', 'is', null)
			.execute();
	}
	const done = new Set([
		...rows.filter((r) => r.completed_at).map((r) => r.module_slug),
		...newlyDone.map((m) => m.slug)
	]);
	if (!course.modules.every((m) => done.has(m.slug))) return false;
	if (await awaitsAttendance(db, enrolment.id)) return false;
	const scores = course.modules
		.filter((m) => m.quiz)
		.map((m) => bySlug.get(m.slug)?.quiz_percent)
		.filter((x): x is number => typeof x === 'number');
	const finalScore = scores.length
		? Math.round((100 * scores.reduce((a, b) => a + b, 0)) / scores.length) / 100
		: null;
	return trackReportFacts(db, [enrolment.user_id], async (trx) => {
		const res = await trx
			.updateTable('enrolments')
			.set({
				status: 'completed',
				completed_at: nowIso,
				completed_version: course.version,
				final_score: finalScore
			})
			.where('id', '=', enrolment.id)
			.where('completed_at', 'is', null)
			.executeTakeFirst();
		if (res.numUpdatedRows !== 1n) return false;
		// The certificate is part of the completion: both are written, or neither.
		await issueCertificate(
			trx,
			{ ...enrolment, completed_at: nowIso, completed_version: course.version },
			course,
			new Date(nowIso)
		);
		return true;
	});
}

/**
 * Records activity on the enrolment (and the module to continue from). Most activity falls in the
 * month of the last one, which moves no report count: one conditional update. Activity in a new
 * month moves the enrolment's "active" month, so that update goes through the roll-up.
 */
async function touch(
	db: Kysely<DB>,
	enrolment: Pick<Enrolment, 'id' | 'user_id'>,
	moduleSlug: string,
	nowIso: string
) {
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
	enrolment: Pick<Enrolment, 'id' | 'user_id'>,
	moduleSlug: string,
	now = new Date()
) {
	await touch(db, enrolment, moduleSlug, now.toISOString());
}

/** "Mark as read". Returns true when this completed the course. */
export function markModuleRead(
	db: Kysely<DB>,
	enrolment: Enrolment,
	course: Course,
	module: Module,
	now = new Date()
): Promise<boolean> {
	return db
		.transaction()
		.execute((trx) => readIn(trx, enrolment, course, module, now.toISOString()));
}

/**
 * "Mark as read" queued offline and replayed with the browser's id for it: done once per id, a
 * replay changes nothing (not even the date read).
 */
export function markModuleReadOnce(
	db: Kysely<DB>,
	enrolment: Enrolment,
	course: Course,
	module: Module,
	clientId: string,
	now = new Date()
): Promise<{ replayed: true } | { replayed: false; completed: boolean }> {
	return db.transaction().execute(async (trx) => {
		if (!(await claimClientAction(trx, enrolment.user_id, clientId, 'module.read', now)))
			return { replayed: true };
		return {
			replayed: false,
			completed: await readIn(trx, enrolment, course, module, now.toISOString())
		};
	});
}

async function readIn(
	trx: Kysely<DB>,
	enrolment: Enrolment,
	course: Course,
	module: Module,
	iso: string
) {
	await upsertProgress(trx, enrolment.id, module.slug, { read_at: iso });
	await touch(trx, enrolment, module.slug, iso);
	return settle(trx, enrolment, course, iso);
}

/**
 * Records a graded quiz attempt's effect on progress: the counting score and, once reached, the
 * pass. Call inside the attempt's submission transaction. Returns true when this completed the course.
 */
export async function recordQuizResult(
	db: Kysely<DB>,
	enrolment: Enrolment,
	course: Course,
	module: Module,
	countingPercent: number,
	passed: boolean,
	now = new Date()
): Promise<boolean> {
	const iso = now.toISOString();
	await upsertProgress(db, enrolment.id, module.slug, {
		quiz_percent: countingPercent,
		...(passed ? { passed_at: iso } : {})
	});
	await touch(db, enrolment, module.slug, iso);
	return settle(db, enrolment, course, iso);
}
