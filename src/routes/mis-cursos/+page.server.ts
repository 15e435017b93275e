import { requireUser } from '$lib/server/auth/guard';
import { findCourse } from '$lib/server/courses/catalog';
import { courseTitle, moduleTitle } from '$lib/server/courses/view';
import { getDb } from '$lib/server/db';
import { courseProgress, listEnrolmentsOf, progressOf } from '$lib/server/enrolment/repository';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const user = requireUser(event);
	const db = getDb();
	const enrolments = await listEnrolmentsOf(db, user.id);
	const items = [];
	for (const e of enrolments) {
		const course = findCourse(e.course_slug);
		if (!course) continue; // a course removed from content keeps its records, but has no page
		const p = courseProgress(course, await progressOf(db, e.id), e.last_module);
		items.push({
			slug: course.slug,
			title: courseTitle(course),
			hours: course.hours,
			percent: p.percent,
			done: p.done,
			total: p.total,
			completedAt: e.completed_at,
			next: p.next && { slug: p.next.slug, title: moduleTitle(p.next) }
		});
	}
	return { items };
};
