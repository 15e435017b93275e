/**
 * Where a course completes. Every step that can finish a course (a module read, a quiz passed,
 * attendance recorded) ends in `settle`, inside that step's transaction: modules whose conditions
 * now hold are marked done, and when all are (and the cohort's in-person stage, if it requires one,
 * is attended) the completion is written once, by a conditional update, with its certificate.
 */
import type { Compilable, Kysely } from 'kysely';
import { issueCertificate } from '../certificates/repository';
import type { Course, Module } from '../courses/types';
import { batch, type Results } from '../db/batch';
import type { DB, Enrolment, ModuleProgress } from '../db/schema';
import { trackReportFacts } from '../reports/rollup';
import { claimClientAction } from './client-actions';
import { finalScore, modulesNowDone } from './progress';
import {
	awaitsAttendance,
	completeEnrolment,
	markModulesDone,
	progressOf,
	progressQuery,
	touch,
	upsertProgressQuery,
	type ProgressChange
} from './repository';

/**
 * Writes a module's progress and reads the enrolment's progress after it (what `settle` needs), in
 * one batch (db/batch.ts) behind `alongside`: the caller's statements of the same transaction that
 * need neither. On PostgreSQL that is one round trip for all of them.
 */
export async function writeProgress<const A extends readonly Compilable<unknown>[]>(
	trx: Kysely<DB>,
	enrolmentId: number,
	moduleSlug: string,
	set: ProgressChange,
	alongside: A
): Promise<{ alongside: Results<A>; rows: ModuleProgress[] }> {
	const results = await batch(trx, [
		...alongside,
		upsertProgressQuery(trx, enrolmentId, moduleSlug, set),
		progressQuery(trx, enrolmentId)
	]);
	return {
		alongside: results.slice(0, alongside.length) as Results<A>,
		rows: results[results.length - 1].rows as ModuleProgress[]
	};
}

/** What a graded attempt writes into its module's progress: the counting score, and the pass once reached. */
export function quizProgress(
	countingPercent: number,
	passed: boolean,
	iso: string
): ProgressChange {
	return { quiz_percent: countingPercent, ...(passed ? { passed_at: iso } : {}) };
}

/**
 * Marks modules done whose conditions now hold, then completes the course if all are (and the
 * cohort's in-person stage, when it requires one, is attended). Call inside a transaction. Only
 * the completion itself (with its certificate) moves report counts, so only it is tracked.
 */
export async function settle(
	db: Kysely<DB>,
	enrolment: Enrolment,
	course: Course,
	nowIso: string,
	/** The enrolment's progress, when the caller read it in this transaction (`writeProgress`). */
	progress?: ModuleProgress[]
) {
	const rows = progress ?? (await progressOf(db, enrolment.id));
	const newlyDone = modulesNowDone(course, rows);
	if (newlyDone.length) {
		await markModulesDone(
			db,
			enrolment.id,
			newlyDone.map((m) => m.slug),
			nowIso
		);
	}
	const done = new Set([
		...rows.filter((r) => r.completed_at).map((r) => r.module_slug),
		...newlyDone.map((m) => m.slug)
	]);
	if (!course.modules.every((m) => done.has(m.slug))) return false;
	if (await awaitsAttendance(db, enrolment.id)) return false;
	const score = finalScore(course, rows);
	return trackReportFacts(db, [enrolment.user_id], async (trx) => {
		if (!(await completeEnrolment(trx, enrolment.id, course.version, score, nowIso))) return false;
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
		.execute((trx) => markModuleReadIn(trx, enrolment, course, module, now.toISOString()));
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
			completed: await markModuleReadIn(trx, enrolment, course, module, now.toISOString())
		};
	});
}

/** "Mark as read" inside a transaction the caller holds. */
export async function markModuleReadIn(
	trx: Kysely<DB>,
	enrolment: Enrolment,
	course: Course,
	module: Module,
	iso: string
): Promise<boolean> {
	return (await markModuleReadWith(trx, enrolment, course, module, iso, [], { touched: false }))
		.completed;
}

/**
 * "Mark as read" with the caller's statements in the same batch (`writeProgress`): starting a quiz
 * reads its module and draws the attempt in one round trip. `touched`: the caller records the
 * activity itself (`touch`), outside the transaction.
 */
export async function markModuleReadWith<const A extends readonly Compilable<unknown>[]>(
	trx: Kysely<DB>,
	enrolment: Enrolment,
	course: Course,
	module: Module,
	iso: string,
	alongside: A,
	{ touched }: { touched: boolean }
): Promise<{ alongside: Results<A>; completed: boolean }> {
	const written = await writeProgress(trx, enrolment.id, module.slug, { read_at: iso }, alongside);
	if (!touched) await touch(trx, enrolment, module.slug, iso);
	return {
		alongside: written.alongside,
		completed: await settle(trx, enrolment, course, iso, written.rows)
	};
}

/**
 * Records a graded quiz attempt's effect on progress (the counting score and, once reached, the
 * pass) and settles, inside the caller's transaction. Returns true when this completed the course.
 * (Submitting an attempt does the same with its own update in the batch: `submitAttemptIn`.)
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
	const set = quizProgress(countingPercent, passed, iso);
	const { rows } = await writeProgress(db, enrolment.id, module.slug, set, []);
	await touch(db, enrolment, module.slug, iso);
	return settle(db, enrolment, course, iso, rows);
}
