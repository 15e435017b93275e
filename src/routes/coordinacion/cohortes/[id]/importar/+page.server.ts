import { error, fail, redirect } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { requireRole } from '$lib/server/auth/guard';
import { requireCohort } from '$lib/server/cohorts/access';
import {
	deleteDraft,
	MAX_IMPORT_ROWS,
	previewImport,
	runImport,
	saveDraft,
	takeDraft
} from '$lib/server/cohorts/import';
import { findCourse } from '$lib/server/courses/catalog';
import { getDb } from '$lib/server/db';
import { t } from '$lib/server/i18n';
import type { Actions, PageServerLoad } from './$types';
import { parseId } from '$lib/server/input/ids';

export const load: PageServerLoad = async (event) => {
	const user = requireRole(event, 'coordinator', 'admin');
	const cohort = await requireCohort(getDb(), user, event.params.id);
	return { cohort: { id: cohort.id, name: cohort.name, institutionId: cohort.institution_id } };
};

/** The uploaded file's text, or null without a file. */
async function uploadedText(form: FormData): Promise<string | null> {
	const file = form.get('file');
	return file instanceof File && file.size > 0 ? file.text() : null;
}

const refusal = (reason: 'empty' | 'too-many') =>
	reason === 'empty' ? m.import_empty() : m.import_too_many({ max: MAX_IMPORT_ROWS });

export const actions: Actions = {
	preview: async (event) => {
		const user = requireRole(event, 'coordinator', 'admin');
		const db = getDb();
		const cohort = await requireCohort(db, user, event.params.id);
		const text = await uploadedText(await event.request.formData());
		if (text === null) return fail(400, { message: m.import_file_required() });
		const preview = await previewImport(db, cohort, text);
		if (!preview.ok) return fail(400, { message: refusal(preview.reason) });
		const rows = preview.rows.map((r) => ({
			line: r.line,
			fullName: r.fullName,
			email: r.email,
			unit: r.unit,
			action: r.action,
			messages: r.action === 'error' ? r.errors.map((e) => t(e)) : []
		}));
		// The file waits on the server: confirming posts only its id.
		const draftId =
			preview.summary.create + preview.summary.enrol > 0
				? await saveDraft(db, cohort, user.id, text)
				: null;
		return { preview: { rows, summary: preview.summary }, draftId };
	},
	confirm: async (event) => {
		const user = requireRole(event, 'coordinator', 'admin');
		const db = getDb();
		const cohort = await requireCohort(db, user, event.params.id);
		const course = findCourse(cohort.course_slug);
		if (!course) error(404, m.error_not_found());
		const draftId = parseId((await event.request.formData()).get('draftId'));
		const text = draftId === null ? null : await takeDraft(db, cohort, user.id, draftId);
		if (draftId === null || text === null) return fail(400, { message: m.import_draft_missing() });
		// The plan is made again from the current data: what changed since the preview is taken into account.
		const result = await runImport(db, user.id, cohort, course, text, event.url.origin);
		if (!result.ok)
			return result.reason === 'conflict'
				? fail(409, { message: m.import_conflict() })
				: fail(400, { message: refusal(result.reason) });
		await deleteDraft(db, draftId);
		redirect(
			303,
			`/coordinacion/cohortes/${cohort.id}?importado=${encodeURIComponent(m.import_done(result))}`
		);
	}
};
