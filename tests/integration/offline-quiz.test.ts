// Quiz answers made offline and sent on reconnect (docs/offline.md), on each database: graded once
// whatever the number of replays, a closed attempt answered with a conflict and its reason, bad
// input refused with a 4xx, and the course download opening attempts only of untimed quizzes.
import { describe, expect, it } from 'vitest';
import { findCourse } from '../../src/lib/server/courses/catalog';
import type { Course, QuizModule, QuizSettings } from '../../src/lib/server/courses/types';
import { enrol, progressOf } from '../../src/lib/server/enrolment/repository';
import { answersToFormValues } from '../../src/lib/server/quizzes/answers';
import {
	listAttempts,
	startAttempt,
	submitAttempt,
	type QuizAttempt
} from '../../src/lib/server/quizzes/attempts';
import { openAttemptsForOffline } from '../../src/lib/server/quizzes/offline-attempts';
import { submitQueuedAttempt } from '../../src/lib/server/quizzes/queued-submit';
import { objectiveQuiz, perfectAnswers } from '../../src/lib/server/quizzes/test-fixtures';
import { newUser } from '../helpers/factories';
import { DIALECTS, useTestDb } from '../helpers/test-db';

function quizModule(course: Course, over: Partial<QuizSettings> = {}): QuizModule {
	return {
		...course.modules[0],
		objectives: [
			{ text: 'Explicar el objeto de la ley.', section: null },
			{ text: 'Aplicar los principios.', section: null }
		],
		quiz: objectiveQuiz(12, 2, { drawCount: 6, maxAttempts: 2, ...over })
	};
}

/** The form the browser queued: the attempt, its answers (all right, or blank) and the client id. */
function queuedForm(module: QuizModule, attempt: QuizAttempt, clientId: string, right = true) {
	const form = new URLSearchParams({ clientId, attemptId: String(attempt.id) });
	if (right) {
		const values = answersToFormValues(
			module.quiz,
			attempt.drawn,
			perfectAnswers(module.quiz, attempt.drawn)
		);
		for (const [name, list] of Object.entries(values)) for (const v of list) form.append(name, v);
	}
	return form;
}

describe.each(DIALECTS)('quiz answers queued offline on %s', (dialect) => {
	const t = useTestDb(dialect);
	const course: Course = findCourse('ley-263-policia')!;

	async function started(module: QuizModule) {
		const user = await newUser(t.db);
		const enrolment = await enrol(t.db, user.id, course, 'self');
		const start = await startAttempt(t.db, enrolment, module);
		if (!start.ok) throw new Error('not started');
		return { user, enrolment, attempt: start.attempt };
	}

	const claims = (userId: number) =>
		t.db.selectFrom('client_actions').selectAll().where('user_id', '=', userId).execute();

	it('grades a queued submission once: its replay gets the same grade and changes nothing', async () => {
		const module = quizModule(course);
		const { user, enrolment, attempt } = await started(module);
		const form = queuedForm(module, attempt, 'quiz-0000-0000-0001');
		const first = await submitQueuedAttempt(
			t.db,
			enrolment,
			course,
			module,
			form,
			new Date('2026-03-01T10:00:00Z')
		);
		expect(first).toEqual({
			ok: true,
			grade: { attemptNo: 1, percent: 100, passed: true, courseCompleted: false, replayed: false }
		});
		const after = await listAttempts(t.db, enrolment.id, module.slug);
		const progress = await progressOf(t.db, enrolment.id);

		const again = await submitQueuedAttempt(
			t.db,
			enrolment,
			course,
			module,
			form,
			new Date('2026-03-02T10:00:00Z')
		);
		expect(again).toEqual({
			ok: true,
			grade: { attemptNo: 1, percent: 100, passed: true, courseCompleted: false, replayed: true }
		});
		// No second attempt, no second grading (the submission date is the first one's).
		expect(await listAttempts(t.db, enrolment.id, module.slug)).toEqual(after);
		expect(after).toHaveLength(1);
		expect(after[0].submitted_at).toBe('2026-03-01T10:00:00.000Z');
		expect(await progressOf(t.db, enrolment.id)).toEqual(progress);
		expect((await claims(user.id)).map((c) => [c.client_id, c.kind])).toEqual([
			['quiz-0000-0000-0001', 'quiz.submit']
		]);
	});

	it('answers a conflict with its reason when the attempt was submitted on another device', async () => {
		const module = quizModule(course);
		const { user, enrolment, attempt } = await started(module);
		// The other device submits first (blank answers: failed).
		await submitAttempt(t.db, attempt, enrolment, course, module, {});
		const before = await listAttempts(t.db, enrolment.id, module.slug);
		const queued = await submitQueuedAttempt(
			t.db,
			enrolment,
			course,
			module,
			queuedForm(module, attempt, 'quiz-0000-0000-0002')
		);
		expect(queued).toEqual({
			ok: false,
			reason: 'already-submitted',
			status: 409,
			attemptNo: 1,
			attemptsLeft: 1
		});
		// Nothing graded, and the id is not kept: its next replay is told the same.
		expect(await listAttempts(t.db, enrolment.id, module.slug)).toEqual(before);
		expect(await claims(user.id)).toEqual([]);
		expect(
			await submitQueuedAttempt(
				t.db,
				enrolment,
				course,
				module,
				queuedForm(module, attempt, 'quiz-0000-0000-0002')
			)
		).toMatchObject({ ok: false, reason: 'already-submitted' });
	});

	it('says when the attempt closed with no attempt left, and when its time ran out', async () => {
		const module = quizModule(course, { maxAttempts: 1 });
		const { enrolment, attempt } = await started(module);
		await submitAttempt(t.db, attempt, enrolment, course, module, {});
		expect(
			await submitQueuedAttempt(
				t.db,
				enrolment,
				course,
				module,
				queuedForm(module, attempt, 'quiz-0000-0000-0003')
			)
		).toMatchObject({ ok: false, reason: 'already-submitted', status: 409, attemptsLeft: 0 });

		const timed = quizModule(course, { timeLimitMinutes: 10 });
		const user = await newUser(t.db);
		const other = await enrol(t.db, user.id, course, 'self');
		const start = await startAttempt(t.db, other, timed, new Date('2026-03-01T10:00:00Z'));
		if (!start.ok) throw new Error('not started');
		const late = await submitQueuedAttempt(
			t.db,
			other,
			course,
			timed,
			queuedForm(timed, start.attempt, 'quiz-0000-0000-0004'),
			new Date('2026-03-01T10:30:00Z')
		);
		expect(late).toMatchObject({ ok: false, reason: 'expired', status: 409, attemptNo: 1 });
		expect((await listAttempts(t.db, other.id, timed.slug))[0].submitted_at).toBeNull();
	});

	it('refuses bad input with a 4xx, grading nothing', async () => {
		const module = quizModule(course);
		const { user, enrolment, attempt } = await started(module);
		const send = (form: URLSearchParams) =>
			submitQueuedAttempt(t.db, enrolment, course, module, form);
		const good = queuedForm(module, attempt, 'quiz-0000-0000-0005');

		const badId = new URLSearchParams(good);
		badId.set('clientId', 'x');
		expect(await send(badId)).toMatchObject({ ok: false, reason: 'bad-client-id', status: 400 });
		const noAttempt = new URLSearchParams(good);
		noAttempt.set('attemptId', '99999999999');
		expect(await send(noAttempt)).toMatchObject({ ok: false, reason: 'bad-attempt', status: 400 });
		const otherAttempt = new URLSearchParams(good);
		otherAttempt.set('attemptId', String(attempt.id + 100_000));
		expect(await send(otherAttempt)).toMatchObject({
			ok: false,
			reason: 'unknown-attempt',
			status: 404
		});
		const badAnswer = new URLSearchParams(good);
		const field = [...badAnswer.keys()].find((k) => k.startsWith('q:'))!;
		badAnswer.set(field, 'not-a-token');
		const refused = await send(badAnswer);
		expect(refused).toMatchObject({ ok: false, reason: 'bad-answers', status: 400 });
		expect(refused.ok === false && 'detail' in refused && refused.detail).toBeTruthy();

		expect((await listAttempts(t.db, enrolment.id, module.slug))[0].submitted_at).toBeNull();
		expect(await claims(user.id)).toEqual([]);
		// The good form still goes through after all that.
		expect(await send(good)).toMatchObject({ ok: true, grade: { replayed: false } });
	});

	it("another learner's attempt is unknown to this one", async () => {
		const module = quizModule(course);
		const a = await started(module);
		const b = await started(module);
		expect(
			await submitQueuedAttempt(
				t.db,
				b.enrolment,
				course,
				module,
				queuedForm(module, a.attempt, 'quiz-0000-0000-0006')
			)
		).toMatchObject({ ok: false, reason: 'unknown-attempt', status: 404 });
		expect((await listAttempts(t.db, a.enrolment.id, module.slug))[0].submitted_at).toBeNull();
	});

	it('the download opens (or reuses) an attempt of each untimed quiz not passed, none of timed ones', async () => {
		const user = await newUser(t.db);
		const enrolment = await enrol(t.db, user.id, course, 'self');
		const quizzes = course.modules.filter((x) => x.quiz).map((x) => x.slug);
		const first = await openAttemptsForOffline(t.db, enrolment, course);
		expect(first).toEqual(quizzes);
		// Again (a refreshed download): the same open attempts, no new ones.
		expect(await openAttemptsForOffline(t.db, enrolment, course)).toEqual(quizzes);
		const attempts = await t.db
			.selectFrom('quiz_attempts')
			.select(['module_slug', 'attempt_no', 'deadline_at'])
			.where('enrolment_id', '=', enrolment.id)
			.orderBy('module_slug')
			.execute();
		expect(attempts).toEqual(
			quizzes.map((slug) => ({ module_slug: slug, attempt_no: 1, deadline_at: null }))
		);
		// Reading is not marked by it.
		expect((await progressOf(t.db, enrolment.id)).filter((p) => p.read_at)).toEqual([]);

		// A passed quiz gets no new attempt; a timed one never gets one.
		const [m1] = course.modules;
		const passedModule: QuizModule = { ...m1, quiz: m1.quiz! };
		const open = (await listAttempts(t.db, enrolment.id, m1.slug))[0];
		await submitAttempt(
			t.db,
			open,
			enrolment,
			course,
			passedModule,
			perfectAnswers(passedModule.quiz, open.drawn)
		);
		const timedCourse: Course = {
			...course,
			modules: course.modules.map((x, i) =>
				i === 1 && x.quiz
					? { ...x, quiz: { ...x.quiz, settings: { ...x.quiz.settings, timeLimitMinutes: 20 } } }
					: x
			)
		};
		const again = await openAttemptsForOffline(t.db, enrolment, timedCourse);
		expect(again).toEqual(quizzes.filter((s) => s !== m1.slug && s !== course.modules[1].slug));
	});
});
