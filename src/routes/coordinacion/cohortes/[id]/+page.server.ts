import { fail, redirect } from '@sveltejs/kit';
import { z } from 'zod';
import { m } from '$lib/paraglide/messages';
import { requireRole } from '$lib/server/auth/guard';
import { requireCohort } from '$lib/server/cohorts/access';
import { createKey, KeyForm, listKeys, revokeKey } from '$lib/server/cohorts/keys';
import { sendReminders } from '$lib/server/cohorts/reminders';
import { canManageCohort } from '$lib/server/cohorts/access';
import {
	cohortLearnerPage,
	recordAttendance,
	withdrawLearner
} from '$lib/server/cohorts/repository';
import { LEARNER_FILTER_STATES, learnerFilter } from '$lib/server/cohorts/form';
import { findCourse } from '$lib/server/courses/catalog';
import { courseTitle } from '$lib/server/courses/view';
import { getDb } from '$lib/server/db';
import { fields, formObject, parseForm } from '$lib/server/forms';
import { MAX_IDS_PER_FORM, parseId, parseIdList } from '$lib/server/input/ids';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const user = requireRole(event, 'coordinator', 'admin', 'trainer');
	const db = getDb();
	const cohort = await requireCohort(db, user, event.params.id, 'attendance');
	const course = findCourse(cohort.course_slug);
	const filter = learnerFilter(event.url.searchParams);
	const canManage = canManageCohort(user, cohort);
	const listing = await cohortLearnerPage(
		db,
		cohort,
		course,
		filter,
		parseId(event.url.searchParams.get('pagina')) ?? 1
	);
	// The filter again, for the page links (which add &pagina=N).
	const query = new URLSearchParams(
		Object.entries({ estado: filter.state ?? '', q: filter.q ?? '' }).filter(([, v]) => v)
	);
	return {
		cohort,
		courseTitle: course ? courseTitle(course) : cohort.course_slug,
		canManage,
		keys: canManage
			? (await listKeys(db, cohort.id)).map((k) => ({
					...k,
					link: `${event.url.origin}/inscribirme?clave=${k.code}`
				}))
			: [],
		learners: listing.learners,
		matching: listing.matching,
		page: listing.page,
		pages: listing.pages,
		query: query.toString(),
		filter: { state: filter.state ?? '', q: filter.q ?? '' },
		states: LEARNER_FILTER_STATES,
		imported: event.url.searchParams.get('importado')
	};
};

const Withdraw = z.object({ enrolmentId: fields.id });
const RevokeKey = z.object({ keyId: fields.id });

export const actions: Actions = {
	attendance: async (event) => {
		const user = requireRole(event, 'coordinator', 'admin', 'trainer');
		const db = getDb();
		const cohort = await requireCohort(db, user, event.params.id, 'attendance');
		const course = findCourse(cohort.course_slug);
		const ids = parseIdList((await event.request.formData()).getAll('enrolmentId'));
		if (ids === null)
			return fail(400, { message: m.error_too_many_selected({ max: MAX_IDS_PER_FORM }) });
		if (!course || ids.length === 0) return fail(400, { message: m.cohort_attendance_none() });
		const result = await recordAttendance(db, user.id, cohort, course, ids);
		return { ok: m.cohort_attendance_ok(result) };
	},
	withdraw: async (event) => {
		const user = requireRole(event, 'coordinator', 'admin');
		const db = getDb();
		const cohort = await requireCohort(db, user, event.params.id);
		const parsed = parseForm(Withdraw, await event.request.formData());
		if (!parsed.ok) return fail(400, { message: m.form_errors_title() });
		await withdrawLearner(db, user.id, cohort, parsed.data.enrolmentId);
		return { ok: m.cohort_withdrawn_ok() };
	},
	createKey: async (event) => {
		const user = requireRole(event, 'coordinator', 'admin');
		const db = getDb();
		const cohort = await requireCohort(db, user, event.params.id);
		const form = await event.request.formData();
		const parsed = parseForm(KeyForm, form);
		if (!parsed.ok)
			return fail(400, {
				keyValues: formObject(form),
				keyErrors: parsed.errors,
				message: m.form_errors_title()
			});
		await createKey(db, user.id, cohort, parsed.data);
		return { ok: m.key_created() };
	},
	revokeKey: async (event) => {
		const user = requireRole(event, 'coordinator', 'admin');
		const db = getDb();
		const cohort = await requireCohort(db, user, event.params.id);
		const parsed = parseForm(RevokeKey, await event.request.formData());
		if (!parsed.ok) return fail(400, { message: m.form_errors_title() });
		await revokeKey(db, user.id, cohort, parsed.data.keyId);
		return { ok: m.key_revoked() };
	},
	remind: async (event) => {
		const user = requireRole(event, 'coordinator', 'admin');
		const db = getDb();
		const cohort = await requireCohort(db, user, event.params.id);
		const course = findCourse(cohort.course_slug);
		if (!course) redirect(303, `/coordinacion/cohortes/${cohort.id}`);
		const count = await sendReminders(db, user.id, cohort, course, event.url.origin);
		return { ok: m.cohort_reminded({ count }) };
	}
};
