import { error, fail, type RequestEvent } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { requireInstitutionAccess, requireRole } from '$lib/server/auth/guard';
import { institutionScope } from '$lib/server/auth/roles';
import { CohortForm } from '$lib/server/cohorts/form';
import { createCohort, listCohorts } from '$lib/server/cohorts/repository';
import { findCourse, listCourses } from '$lib/server/courses/catalog';
import { courseTitle } from '$lib/server/courses/view';
import { getDb } from '$lib/server/db';
import { formObject, parseForm } from '$lib/server/forms';
import { getInstitution } from '$lib/server/institutions/repository';
import { listUsers } from '$lib/server/users/repository';
import type { Actions, PageServerLoad } from './$types';
import { parseId } from '$lib/server/input/ids';

/** Coordinators get their own institution; admins may pick one with ?institucion=ID (or none: every cohort). */
function chosenInstitution(event: Pick<RequestEvent, 'locals' | 'url'>) {
	const user = requireRole(event, 'coordinator', 'admin');
	const scope = institutionScope(user);
	const asked = event.url.searchParams.get('institucion');
	const institutionId = asked ? parseId(asked) : scope === 'all' ? null : (scope[0] ?? null);
	if (asked && institutionId === null) error(404, m.error_not_found());
	if (institutionId !== null) requireInstitutionAccess(user, institutionId);
	return { user, scope, institutionId };
}

const courseOptions = () => listCourses().map((c) => ({ slug: c.slug, title: courseTitle(c) }));

export const load: PageServerLoad = async (event) => {
	const { scope, institutionId } = chosenInstitution(event);
	const db = getDb();
	const titles = new Map(courseOptions().map((c) => [c.slug, c.title]));
	const withTitles = (list: Awaited<ReturnType<typeof listCohorts>>) =>
		list.map((c) => ({ ...c, course_title: titles.get(c.course_slug) ?? c.course_slug }));
	if (institutionId === null) {
		// An admin without a chosen institution sees every cohort; a coordinator without one, nothing.
		return {
			institution: null,
			people: [],
			q: '',
			cohorts: scope === 'all' ? withTitles(await listCohorts(db, 'all')) : [],
			courses: []
		};
	}
	const institution = await getInstitution(db, institutionId);
	if (!institution) error(404, m.error_not_found());
	const q = (event.url.searchParams.get('q') ?? '').slice(0, 100);
	return {
		institution: { id: institution.id, name: institution.name },
		people: await listUsers(db, { q, institutionIds: [institution.id] }),
		q,
		cohorts: withTitles(await listCohorts(db, [institution.id])),
		courses: courseOptions()
	};
};

export const actions: Actions = {
	createCohort: async (event) => {
		const { user, institutionId } = chosenInstitution(event);
		if (institutionId === null) error(404, m.error_not_found());
		const form = await event.request.formData();
		const parsed = parseForm(CohortForm, form);
		if (!parsed.ok)
			return fail(400, {
				values: formObject(form),
				errors: parsed.errors,
				message: m.form_errors_title()
			});
		if (!findCourse(parsed.data.courseSlug)) {
			return fail(400, {
				values: formObject(form),
				errors: { courseSlug: m.cohort_error_course() },
				message: m.form_errors_title()
			});
		}
		await createCohort(getDb(), user.id, institutionId, parsed.data);
		return { ok: m.cohort_created() };
	}
};
