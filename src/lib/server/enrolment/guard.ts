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
/** The enrolment read with the session (hooks.server.ts), for the first guard of the request. */
const withSession = new WeakMap<App.Locals, { courseSlug: string; enrolment: Enrolment | null }>();

/** The course of a `/cursos/<slug>/…` path, whose enrolment the guard will ask for. */
export function courseOfPath(pathname: string): string | undefined {
	return /^\/cursos\/([a-z0-9-]{1,100})(?:\/|$)/.exec(pathname)?.[1];
}

/**
 * Keeps the enrolment read in the session's query for this request's first guard. Only the first:
 * an action may change the enrolment before the page's load reads it again.
 */
export function enrolmentReadWithSession(
	event: Pick<RequestEvent, 'locals'>,
	courseSlug: string,
	enrolment: Enrolment | null
) {
	withSession.set(event.locals, { courseSlug, enrolment });
}

function takeReadWithSession(locals: App.Locals, courseSlug: string, userId: number) {
	const read = withSession.get(locals);
	withSession.delete(locals);
	if (read?.courseSlug !== courseSlug) return undefined;
	return read.enrolment === null || read.enrolment.user_id === userId ? read : undefined;
}

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
	const read = takeReadWithSession(event.locals, course.slug, user.id);
	const enrolment =
		kept?.course_slug === course.slug && kept.user_id === user.id
			? kept
			: read
				? (read.enrolment ?? undefined)
				: await getEnrolment(getDb(), user.id, course.slug);
	if (!enrolment || enrolment.status === 'withdrawn') redirect(303, `/cursos/${course.slug}`);
	return { user, course, module, enrolment };
}
