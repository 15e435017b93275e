import { error, fail } from '@sveltejs/kit';
import { z } from 'zod';
import { m } from '$lib/paraglide/messages';
import { requireRole } from '$lib/server/auth/guard';
import { institutionScope } from '$lib/server/auth/roles';
import { findCourse } from '$lib/server/courses/catalog';
import { courseTitle } from '$lib/server/courses/view';
import { getDb } from '$lib/server/db';
import { decideRequest, listPendingRequests } from '$lib/server/enrolment/requests';
import { fields, parseForm } from '$lib/server/forms';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const user = requireRole(event, 'coordinator', 'admin');
	const requests = await listPendingRequests(getDb(), institutionScope(user));
	return {
		requests: requests.map((r) => {
			const course = findCourse(r.course_slug);
			return { ...r, course_title: course ? courseTitle(course) : r.course_slug };
		})
	};
};

const Decision = z.object({ requestId: fields.id, decision: z.enum(['approve', 'reject'], { error: 'error_required' }) });

export const actions: Actions = {
	default: async (event) => {
		const user = requireRole(event, 'coordinator', 'admin');
		const parsed = parseForm(Decision, await event.request.formData());
		if (!parsed.ok) return fail(400, { message: m.form_errors_title() });
		const approve = parsed.data.decision === 'approve';
		const result = await decideRequest(getDb(), user.id, institutionScope(user), parsed.data.requestId, approve, findCourse);
		if (result === 'forbidden') error(403, m.error_forbidden());
		if (result === 'not-found') error(404, m.error_not_found());
		if (result === 'decided') return fail(409, { message: m.requests_decided() });
		return { ok: approve ? m.requests_approved() : m.requests_rejected() };
	}
};
