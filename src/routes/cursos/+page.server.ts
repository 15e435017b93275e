import { listCourses, isInAudience } from '$lib/server/courses/catalog';
import { courseCard } from '$lib/server/courses/view';
import { getDb } from '$lib/server/db';
import { seesAllCourses, sectorOf } from '$lib/server/enrolment/access';
import { courseProgress } from '$lib/server/enrolment/progress';
import { listEnrolmentsOf, progressOf } from '$lib/server/enrolment/repository';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals }) => {
	const user = locals.user;
	const courses = listCourses();
	if (!user) return { courses: courses.map((c) => ({ ...courseCard(c), enrolled: false, percent: 0, completed: false })) };

	const db = getDb();
	const [sector, enrolments] = await Promise.all([sectorOf(db, user), listEnrolmentsOf(db, user.id)]);
	const all = seesAllCourses(user);
	const visible = courses.filter(
		(c) => all || isInAudience(c, sector) || enrolments.some((e) => e.course_slug === c.slug)
	);
	return {
		courses: await Promise.all(
			visible.map(async (c) => {
				const e = enrolments.find((x) => x.course_slug === c.slug);
				const progress = e ? courseProgress(c, await progressOf(db, e.id), e.last_module) : null;
				return { ...courseCard(c), enrolled: !!e, percent: progress?.percent ?? 0, completed: !!e?.completed_at };
			})
		)
	};
};
