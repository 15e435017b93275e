/**
 * What "Disponible sin conexión" needs to let a learner answer quizzes offline: an open attempt
 * of each untimed quiz, so that its page (drawn questions and per-attempt option tokens, never
 * the answers) can be stored with the course. Timed quizzes are left alone: starting one would
 * start its clock, and they need a connection anyway.
 */
import type { Kysely } from 'kysely';
import type { Course, QuizModule } from '../courses/types';
import type { DB, Enrolment } from '../db/schema';
import { listAttempts, startAttempt } from './attempts';

export const answerableOffline = (module: QuizModule) => module.quiz.settings.timeLimitMinutes === 0;

/**
 * Starts, or reuses, an open attempt of every untimed quiz of the course the learner has not
 * passed and may still attempt; returns those modules' slugs. Quizzes passed or out of attempts
 * get none (a new attempt after a pass could only lower a "last attempt" score).
 */
export async function openAttemptsForOffline(
	db: Kysely<DB>,
	enrolment: Enrolment,
	course: Course,
	now = new Date()
): Promise<string[]> {
	const slugs: string[] = [];
	for (const found of course.modules) {
		if (!found.quiz) continue;
		const module: QuizModule = { ...found, quiz: found.quiz };
		if (!answerableOffline(module)) continue;
		const attempts = await listAttempts(db, enrolment.id, module.slug);
		if (attempts.some((a) => a.grade?.passed)) continue;
		const started = await startAttempt(db, enrolment, module, now);
		if (started.ok) slugs.push(module.slug);
	}
	return slugs;
}
