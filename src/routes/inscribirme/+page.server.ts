import { fail, redirect } from '@sveltejs/kit';
import { z } from 'zod';
import { m } from '$lib/paraglide/messages';
import { requireUser } from '$lib/server/auth/guard';
import { findUsableKey, redeemKey, type KeyProblem } from '$lib/server/cohorts/keys';
import { findCourse } from '$lib/server/courses/catalog';
import { courseTitle } from '$lib/server/courses/view';
import { getDb } from '$lib/server/db';
import { parseForm } from '$lib/server/forms';
import type { Actions, PageServerLoad } from './$types';

const problemMessage: Record<KeyProblem, () => string> = {
	unknown: m.enrol_key_unknown,
	expired: m.enrol_key_expired,
	exhausted: m.enrol_key_exhausted,
	'other-institution': m.enrol_key_other_institution,
	'enrolled-elsewhere': m.enrol_key_enrolled_elsewhere
};

const KeyInput = z.object({ clave: z.string({ error: 'error_required' }).trim().min(1, 'error_required').max(40, 'error_text_too_long') });

// Following a shared link (?clave=…) shows what it enrols in; only the button enrols.
export const load: PageServerLoad = async (event) => {
	requireUser(event);
	const code = (event.url.searchParams.get('clave') ?? '').slice(0, 40);
	if (!code) return { code, target: null, problem: null };
	const found = await findUsableKey(getDb(), code);
	if (!found.ok) return { code, target: null, problem: problemMessage[found.problem]() };
	const course = findCourse(found.cohort.course_slug);
	return { code, target: { course: course ? courseTitle(course) : found.cohort.course_slug, cohort: found.cohort.name }, problem: null };
};

export const actions: Actions = {
	default: async (event) => {
		const user = requireUser(event);
		const parsed = parseForm(KeyInput, await event.request.formData());
		if (!parsed.ok) return fail(400, { message: parsed.errors.clave });
		const result = await redeemKey(getDb(), user, parsed.data.clave, findCourse);
		if (!result.ok) return fail(400, { message: problemMessage[result.problem]() });
		redirect(303, `/cursos/${result.cohort.course_slug}`);
	}
};
