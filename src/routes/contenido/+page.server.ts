import { requireRole } from '$lib/server/auth/guard';
import { getCatalog } from '$lib/server/courses/catalog';
import type { Question } from '$lib/server/courses/types';
import type { PageServerLoad } from './$types';

const gradable = (qs: Question[]) => qs.reduce((n, q) => n + (q.type === 'case' ? q.questions.length : 1), 0);

export const load: PageServerLoad = (event) => {
	requireRole(event, 'trainer', 'admin');
	const { courses, issues } = getCatalog();
	return {
		issues,
		courses: courses.map((c) => ({
			slug: c.slug,
			title: c.title,
			version: c.version,
			hours: c.hours,
			audience: c.audience,
			enrolment: c.enrolment,
			minutes: c.modules.reduce((s, x) => s + x.minutes, 0),
			modules: c.modules.map((x) => ({
				slug: x.slug,
				title: x.title,
				minutes: x.minutes,
				questions: x.quiz?.questions.length ?? 0,
				items: x.quiz ? gradable(x.quiz.questions) : 0
			}))
		}))
	};
};
