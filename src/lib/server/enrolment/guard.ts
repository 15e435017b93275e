/** The guard of a course's module pages: who reads a module, or takes its quiz. */
import { error, redirect, type RequestEvent } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { requireUser } from '../auth/guard';
import type { AuthUser } from '../auth/roles';
import { findCourse, findModule } from '../courses/catalog';
import type { Course, Module, QuizModule } from '../courses/types';
import { getDb } from '../db';
import type { Enrolment } from '../db/schema';
import { getEnrolment } from './repository';

export type EnrolledModule<M extends Module = Module> = {
	user: AuthUser;
	course: Course;
	module: M;
	enrolment: Enrolment;
};

type ModuleEvent = Pick<RequestEvent, 'locals' | 'url' | 'params'>;

/** Enrolments read by an action that changed none of them, for the page load of the same request. */
const unchanged = new WeakMap<App.Locals, Enrolment>();

/**
 * Says that this request's action wrote nothing to the enrolment, so the load that renders the
 * page after it (a form sent without JavaScript) reuses it instead of reading it again. Only for
 * actions that leave the enrolment as it was (saving quiz answers).
 */
export function enrolmentUnchanged(event: Pick<RequestEvent, 'locals'>, enrolment: Enrolment) {
	unchanged.set(event.locals, enrolment);
}

/**
 * The course and module of `/cursos/[slug]/[module]` for a signed-in learner enrolled in the
 * course: the login page when signed out, 404 for an unknown course or module (or, with
 * `{ quiz: true }`, a module without a quiz), and the course page, which explains how to enrol,
 * without an active enrolment.
 * @example const { course, module, enrolment } = await requireEnrolledModule(event, { quiz: true });
 */
export function requireEnrolledModule(
	event: ModuleEvent,
	options: { quiz: true }
): Promise<EnrolledModule<QuizModule>>;
export function requireEnrolledModule(
	event: ModuleEvent,
	options?: { quiz?: false }
): Promise<EnrolledModule>;
export async function requireEnrolledModule(
	event: ModuleEvent,
	options: { quiz?: boolean } = {}
): Promise<EnrolledModule> {
	const user = requireUser(event);
	const course = findCourse(event.params.slug ?? '');
	const module = course && findModule(course, event.params.module ?? '');
	if (!course || !module || (options.quiz && !module.quiz)) error(404, m.error_not_found());
	const kept = unchanged.get(event.locals);
	const enrolment =
		kept?.course_slug === course.slug && kept.user_id === user.id
			? kept
			: await getEnrolment(getDb(), user.id, course.slug);
	if (!enrolment || enrolment.status === 'withdrawn') redirect(303, `/cursos/${course.slug}`);
	return { user, course, module, enrolment };
}
