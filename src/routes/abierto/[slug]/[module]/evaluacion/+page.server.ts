import { error, fail } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import type { Module, Quiz } from '$lib/server/courses/types';
import { getDb } from '$lib/server/db';
import {
	courseHead,
	openCourseOr404,
	openModuleOr404,
	openModuleTitle
} from '$lib/server/public/pages';
import { gradeOpenQuiz, openQuizQuestions } from '$lib/server/public/quiz';
import { countReach } from '$lib/server/public/reach';
import { visitFrom, visitQuery } from '$lib/server/public/visit';
import type { Actions, PageServerLoad } from './$types';

function context(params: { slug: string; module: string }) {
	const course = openCourseOr404(params.slug);
	const module = openModuleOr404(course, params.module);
	if (!module.quiz) error(404, m.error_not_found());
	return { course, module: module as Module & { quiz: Quiz } };
}

export const load: PageServerLoad = ({ params, url }) => {
	const { course, module } = context(params);
	const visit = visitFrom(url);
	const i = course.modules.indexOf(module);
	const next = course.modules[i + 1];
	return {
		course: courseHead(course, url),
		module: {
			slug: module.slug,
			title: openModuleTitle(module, visit),
			href: `/abierto/${course.slug}/${module.slug}${visitQuery(visit)}`
		},
		passingScore: module.quiz.settings.passingScore,
		questions: openQuizQuestions(course, module),
		next: next && {
			href: `/abierto/${course.slug}/${next.slug}${visitQuery(visit)}`,
			title: openModuleTitle(next, visit)
		}
	};
};

export const actions: Actions = {
	// Graded from the post and shown at once: no attempt, answer or person is stored. Passing the
	// course's final quiz adds one to the day's anonymous completions for the poster's place.
	default: async ({ params, request, url }) => {
		const { course, module } = context(params);
		const result = gradeOpenQuiz(course, module, await request.formData());
		if (!result.ok) return fail(400, { message: result.error });
		if (result.passed && result.final)
			await countReach(getDb(), 'completions', course.slug, visitFrom(url).place);
		return { result };
	}
};
