import { error } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { requireRole } from '$lib/server/auth/guard';
import { findCourse, findModule } from '$lib/server/courses/catalog';
import { renderCourseMarkdown } from '$lib/server/courses/render';
import type { PageServerLoad } from './$types';

// Trainers review a module with its quiz answers; only ever rendered for trainer and admin roles.
export const load: PageServerLoad = async (event) => {
	requireRole(event, 'trainer', 'admin');
	const course = findCourse(event.params.slug);
	const module = course && findModule(course, event.params.module);
	if (!course || !module) error(404, m.error_not_found());
	const { html, glossary } = await renderCourseMarkdown(course, module.slug);
	return {
		course: { slug: course.slug, title: course.title, version: course.version },
		module: { title: module.title, minutes: module.minutes, objectives: module.objectives, file: module.file, html, glossary },
		quiz: module.quiz
	};
};
