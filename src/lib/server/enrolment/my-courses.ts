/** A learner's own courses as the home page and *Mis cursos* show them: progress and where to go on. */
import type { Kysely } from 'kysely';
import { findCourse } from '../courses/catalog';
import { courseTitle, moduleTitle } from '../courses/view';
import type { DB } from '../db/schema';
import { courseProgress } from './progress';
import { listEnrolmentsOf, progressOf } from './repository';

export type MyCourse = {
	slug: string;
	title: string;
	hours: number;
	percent: number;
	done: number;
	total: number;
	completedAt: string | null;
	/** The module to continue with; null once every module is done. */
	next: { slug: string; title: string } | null;
};

/** Every course the person is enrolled in (withdrawn ones left out): unfinished first, most recent first. */
export async function myCourses(db: Kysely<DB>, userId: number): Promise<MyCourse[]> {
	const items: MyCourse[] = [];
	for (const e of await listEnrolmentsOf(db, userId)) {
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
	return items.sort((a, b) => Number(a.completedAt !== null) - Number(b.completedAt !== null));
}
