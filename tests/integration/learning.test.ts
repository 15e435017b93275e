import { describe, expect, it } from 'vitest';
import { findCourse } from '../../src/lib/server/courses/catalog';
import type { Course, QuizModule } from '../../src/lib/server/courses/types';
import { enrol, getEnrolment, progressOf } from '../../src/lib/server/enrolment/repository';
import { markModuleRead } from '../../src/lib/server/enrolment/completion';
import {
	listAttempts,
	saveAnswers,
	startAttempt,
	submitAttempt
} from '../../src/lib/server/quizzes/attempts';
import { perfectAnswers } from '../../src/lib/server/quizzes/test-fixtures';
import { newUser } from '../helpers/factories';
import { useTestDb, DIALECTS, rollupDifferences } from '../helpers/test-db';

describe.each(DIALECTS)('enrolment, progress and attempts on %s', (dialect) => {
	const t = useTestDb(dialect);
	const course = findCourse('frontera')!;

	it('enrols once, even when two app instances receive the same click', async () => {
		const user = await newUser(t.db);
		// Enrolling is a transaction (it moves the report roll-up too). better-sqlite3 is synchronous:
		// two connections in one process cannot wait for each other, so on SQLite the click arrives at
		// one app instance twice; separate SQLite processes are covered by sqlite-processes.test.ts.
		const second = dialect === 'sqlite' ? t.db : t.openSecond();
		const [a, b] = await Promise.all([
			enrol(t.db, user.id, course, 'self'),
			enrol(second, user.id, course, 'self')
		]);
		expect(a.id).toBe(b.id);
		expect(a.course_version).toBe(course.version);
		const rows = await t.db
			.selectFrom('enrolments')
			.select('id')
			.where('user_id', '=', user.id)
			.execute();
		expect(rows).toHaveLength(1);
	});

	it('starts one attempt for a double click and refuses a second grading of it', async () => {
		const user = await newUser(t.db);
		const enrolment = await enrol(t.db, user.id, course, 'self');
		const module = course.modules[0] as QuizModule;
		// better-sqlite3 is synchronous: two connections in one process cannot wait for each other,
		// so on SQLite the double click arrives at one app instance (one connection, as in the app);
		// separate SQLite processes are covered by sqlite-processes.test.ts.
		const second = dialect === 'sqlite' ? t.db : t.openSecond();
		const [s1, s2] = await Promise.all([
			startAttempt(t.db, enrolment, module),
			startAttempt(second, enrolment, module)
		]);
		expect(s1.ok && s2.ok && s1.attempt.id === s2.attempt.id).toBe(true);
		const attempt = s1.ok ? s1.attempt : null;
		const results = await Promise.all([
			submitAttempt(t.db, attempt!, enrolment, course, module, {}),
			submitAttempt(second, attempt!, enrolment, course, module, {})
		]);
		expect(results.filter((r) => r.ok)).toHaveLength(1);
		expect(results.filter((r) => !r.ok)).toEqual([{ ok: false, reason: 'already-submitted' }]);
		const graded = await listAttempts(t.db, enrolment.id, module.slug);
		expect(graded).toHaveLength(1);
		expect(graded[0].grade).toMatchObject({ percent: 0, passed: false });
	});

	it('enforces the attempt limit', async () => {
		const user = await newUser(t.db);
		const enrolment = await enrol(t.db, user.id, course, 'self');
		const module = course.modules[1] as QuizModule;
		for (let i = 0; i < module.quiz.settings.maxAttempts; i++) {
			const s = await startAttempt(t.db, enrolment, module);
			if (!s.ok) throw new Error('refused too early');
			await submitAttempt(t.db, s.attempt, enrolment, course, module, {});
		}
		expect(await startAttempt(t.db, enrolment, module)).toEqual({
			ok: false,
			reason: 'no-attempts-left'
		});
	});

	it('grades an overdue attempt on what was saved in time, ignoring later answers', async () => {
		const user = await newUser(t.db);
		const enrolment = await enrol(t.db, user.id, course, 'self');
		const base = course.modules[2] as QuizModule;
		const module: QuizModule = {
			...base,
			quiz: { ...base.quiz, settings: { ...base.quiz.settings, timeLimitMinutes: 10 } }
		};
		const start = new Date('2026-05-01T10:00:00Z');
		const s = await startAttempt(t.db, enrolment, module, start);
		if (!s.ok) throw new Error('not started');
		const perfect = perfectAnswers(module.quiz, s.attempt.drawn);
		const [firstKey] = Object.keys(perfect);
		expect(
			await saveAnswers(
				t.db,
				s.attempt,
				{ [firstKey]: perfect[firstKey] },
				new Date(start.getTime() + 5 * 60_000)
			)
		).toBe(true);
		const late = new Date(start.getTime() + 11 * 60_000);
		expect(await saveAnswers(t.db, s.attempt, perfect, late)).toBe(false);
		const fresh = (await listAttempts(t.db, enrolment.id, module.slug))[0];
		const result = await submitAttempt(t.db, fresh, enrolment, course, module, perfect, late);
		expect(result.ok).toBe(true);
		if (result.ok) {
			expect(result.grade.score).toBe(1);
			expect(result.grade.percent).toBeLessThan(100);
		}
	});

	it('completes the course exactly once when the last module is done, recording the version', async () => {
		const user = await newUser(t.db);
		let enrolment = await enrol(t.db, user.id, course, 'self');
		let completions = 0;
		for (const m of course.modules as QuizModule[]) {
			if (await markModuleRead(t.db, enrolment, course, m)) completions++;
			const s = await startAttempt(t.db, enrolment, m);
			if (!s.ok) throw new Error('not started');
			const r = await submitAttempt(
				t.db,
				s.attempt,
				enrolment,
				course,
				m,
				perfectAnswers(m.quiz, s.attempt.drawn)
			);
			if (r.ok && r.courseCompleted) completions++;
			// Marking a done module as read again changes nothing.
			if (await markModuleRead(t.db, enrolment, course, m)) completions++;
		}
		expect(completions).toBe(1);
		enrolment = (await getEnrolment(t.db, user.id, course.slug))!;
		expect(enrolment.status).toBe('completed');
		expect(enrolment.completed_version).toBe(course.version);
		expect(enrolment.final_score).toBe(100);
		const progress = await progressOf(t.db, enrolment.id);
		expect(progress.every((p) => p.completed_at && p.read_at && p.passed_at)).toBe(true);
	});

	it('does not complete a module whose quiz is not passed', async () => {
		const user = await newUser(t.db);
		const enrolment = await enrol(t.db, user.id, course, 'self');
		const m = course.modules[0] as QuizModule;
		await markModuleRead(t.db, enrolment, course, m);
		const s = await startAttempt(t.db, enrolment, m);
		if (!s.ok) throw new Error('not started');
		await submitAttempt(t.db, s.attempt, enrolment, course, m, {});
		const [row] = await progressOf(t.db, enrolment.id);
		expect(row.read_at).not.toBeNull();
		expect(row.passed_at).toBeNull();
		expect(row.completed_at).toBeNull();
	});

	it('kept the monthly report roll-up in step with every change above', async () => {
		expect(await rollupDifferences(t.db)).toEqual([]);
	});
});
