// The statements an exam day's quiz steps send to the database, on each database: every one is a
// round trip on PostgreSQL (docs/performance.md), so the steps that need none must send none.
import { describe, expect, it } from 'vitest';
import { findCourse } from '../../src/lib/server/courses/catalog';
import type { QuizModule } from '../../src/lib/server/courses/types';
import { markModuleReadIn } from '../../src/lib/server/enrolment/completion';
import {
	enrol,
	getEnrolment,
	progressOf,
	recordVisit,
	TOUCH_AGAIN_AFTER_MS
} from '../../src/lib/server/enrolment/repository';
import {
	listAttempts,
	startAttemptIn,
	startQuizIn,
	submitAttempt
} from '../../src/lib/server/quizzes/attempts';
import { perfectAnswers } from '../../src/lib/server/quizzes/test-fixtures';
import { loadQuizPage } from '../../src/lib/server/quizzes/quiz-page';
import { newUser } from '../helpers/factories';
import { recording } from '../helpers/recording';
import { DIALECTS, useTestDb } from '../helpers/test-db';

describe.each(DIALECTS)('exam-day statements on %s', (dialect) => {
	const t = useTestDb(dialect);
	const course = findCourse('ley-263-policia')!;
	const module = course.modules.find((m) => m.quiz) as QuizModule;

	/** This quiz module's progress row, read as the app reads progress. */
	async function moduleProgress(enrolmentId: number) {
		const row = (await progressOf(t.db, enrolmentId)).find((p) => p.module_slug === module.slug);
		if (!row) throw new Error(`no progress on ${module.slug}`);
		return row;
	}

	async function learner() {
		const user = await newUser(t.db);
		return enrol(t.db, user.id, course, 'self');
	}

	it('a module visited again within ten minutes writes nothing; later, or elsewhere, it does', async () => {
		const enrolment = await learner();
		const first = new Date('2026-12-02T10:00:00Z');
		await recordVisit(t.db, enrolment, module.slug, first);
		const visited = (await getEnrolment(t.db, enrolment.user_id, course.slug))!;
		expect(visited.last_activity_at).toBe(first.toISOString());

		const soon = recording(t.db);
		await recordVisit(soon.db, visited, module.slug, new Date(first.getTime() + 60_000));
		expect(soon.statements).toEqual([]);

		const later = new Date(first.getTime() + TOUCH_AGAIN_AFTER_MS + 1000);
		await recordVisit(t.db, visited, module.slug, later);
		const other = course.modules.find((m) => m.slug !== module.slug)!;
		const elsewhere = recording(t.db);
		await recordVisit(elsewhere.db, visited, other.slug, new Date(first.getTime() + 120_000));
		expect(elsewhere.statements.filter((s) => /^update/i.test(s))).toHaveLength(1);
		const after = (await getEnrolment(t.db, enrolment.user_id, course.slug))!;
		expect(after.last_module).toBe(other.slug);
	});

	it('starting a quiz marks its module read and draws the attempt in one transaction', async () => {
		const enrolment = await learner();
		const rec = recording(t.db);
		const started = await rec.db.transaction().execute(async (trx) => {
			await markModuleReadIn(trx, enrolment, course, module, new Date().toISOString());
			return startAttemptIn(trx, enrolment, module);
		});
		expect(started.ok).toBe(true);
		const progress = await moduleProgress(enrolment.id);
		expect(progress.read_at).not.toBeNull();
		expect(await listAttempts(t.db, enrolment.id, module.slug)).toHaveLength(1);
	});

	it('submitting a first attempt reads no attempt back; a second one reads the first', async () => {
		const enrolment = await learner();
		const first = await startAttemptIn(t.db, enrolment, module);
		if (!first.ok) throw new Error('not started');
		const rec = recording(t.db);
		const graded = await submitAttempt(rec.db, first.attempt, enrolment, course, module, {});
		expect(graded.ok).toBe(true);
		const readsAttempts = (s: string[]) =>
			s.filter((q) => /^select/i.test(q) && /from "quiz_attempts"/.test(q));
		expect(readsAttempts(rec.statements)).toEqual([]);

		const second = await startAttemptIn(t.db, enrolment, module);
		if (!second.ok) throw new Error('no second attempt');
		const rec2 = recording(t.db);
		await submitAttempt(rec2.db, second.attempt, enrolment, course, module, {});
		expect(readsAttempts(rec2.statements)).toHaveLength(1);
		const progress = await moduleProgress(enrolment.id);
		expect(progress.quiz_percent).toBe(0);
	});

	it('the quiz page shown after saving takes the attempts the action read, and only this enrolment’s', async () => {
		const enrolment = await learner();
		const started = await startAttemptIn(t.db, enrolment, module);
		if (!started.ok) throw new Error('not started');
		const attempts = await listAttempts(t.db, enrolment.id, module.slug);
		const rec = recording(t.db);
		const view = await loadQuizPage(rec.db, course, module, enrolment, new Date(), attempts);
		expect(rec.statements).toEqual([]);
		expect(view).toEqual(await loadQuizPage(t.db, course, module, enrolment));

		// Attempts of another enrolment are not taken for this one's: they are read.
		const other = await learner();
		const foreign = recording(t.db);
		await loadQuizPage(foreign.db, course, module, other, new Date(), attempts);
		expect(foreign.statements.filter((q) => /from "quiz_attempts"/.test(q))).toHaveLength(1);
	});

	it('a start given attempts read before its transaction stores no second attempt when they were stale', async () => {
		const enrolment = await learner();
		const before = await listAttempts(t.db, enrolment.id, module.slug); // read: none yet
		const other = await startAttemptIn(t.db, enrolment, module); // another tab starts meanwhile
		if (!other.ok) throw new Error('not started');
		const mine = await t.db
			.transaction()
			.execute((trx) => startAttemptIn(trx, enrolment, module, new Date(), before));
		expect(mine.ok && mine.attempt.id).toBe(other.attempt.id);
		expect(await listAttempts(t.db, enrolment.id, module.slug)).toHaveLength(1);

		// Given the attempts as they are, the open one is returned without reading them again.
		const rec = recording(t.db);
		const again = await startAttemptIn(rec.db, enrolment, module, new Date(), [other.attempt]);
		expect(again.ok && again.attempt.id).toBe(other.attempt.id);
		expect(rec.statements).toEqual([]);
	});

	it('starting from the quiz page marks the module read and draws one attempt, even from a stale list', async () => {
		const enrolment = await learner();
		const other = await startAttemptIn(t.db, enrolment, module); // another tab started meanwhile
		if (!other.ok) throw new Error('not started');
		const mine = await t.db
			.transaction()
			.execute((trx) => startQuizIn(trx, enrolment, course, module, new Date(), []));
		expect(mine.ok && mine.attempt.id).toBe(other.attempt.id);
		expect(await listAttempts(t.db, enrolment.id, module.slug)).toHaveLength(1);
		expect((await moduleProgress(enrolment.id)).read_at).not.toBeNull();

		// A first start stores the attempt it returns.
		const fresh = await learner();
		const started = await t.db
			.transaction()
			.execute((trx) => startQuizIn(trx, fresh, course, module, new Date(), []));
		const stored = await listAttempts(t.db, fresh.id, module.slug);
		expect(started.ok && { id: started.attempt.id, drawn: started.attempt.drawn }).toEqual({
			id: stored[0].id,
			drawn: stored[0].drawn
		});
	});

	it('a submission that lost the race to another (second tab) leaves progress as the winner wrote it', async () => {
		const enrolment = await learner();
		const started = await startAttemptIn(t.db, enrolment, module);
		if (!started.ok) throw new Error('not started');
		const stale = started.attempt; // both tabs hold the attempt as open
		const first = await submitAttempt(t.db, stale, enrolment, course, module, {});
		expect(first.ok && first.grade.percent).toBe(0);
		// The progress is written in the same batch as the attempt's update: undone when it did not take.
		const late = await submitAttempt(
			t.db,
			stale,
			enrolment,
			course,
			module,
			perfectAnswers(module.quiz, stale.drawn)
		);
		expect(late).toEqual({ ok: false, reason: 'already-submitted' });
		const progress = await moduleProgress(enrolment.id);
		expect({ percent: progress.quiz_percent, passed: progress.passed_at }).toEqual({
			percent: 0,
			passed: null
		});
	});
});
