/** What the open course pages share: finding the course and module, and the visit's links. */
import { error } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { findModule, findPublicCourse } from '../courses/catalog';
import type { Course, Module } from '../courses/types';
import { courseTitle, moduleTitle } from '../courses/view';
import { courseLanguages, reviewedTranslation, visitFrom, visitQuery, type Visit } from './visit';

export function openCourseOr404(slug: string): Course {
	const course = findPublicCourse(slug);
	if (!course) error(404, m.error_not_found());
	return course;
}

export function openModuleOr404(course: Course, slug: string): Module {
	const module = findModule(course, slug);
	if (!module) error(404, m.error_not_found());
	return module;
}

/** The module's title in the visit's language when a reviewed translation exists. */
export const openModuleTitle = (module: Module, visit: Visit) =>
	reviewedTranslation(module, visit.language)?.title ?? moduleTitle(module);

/** The language links of a page (none when the course has no reviewed translation). */
export function languageLinks(course: Course, url: URL) {
	const visit = visitFrom(url);
	const codes = courseLanguages(course);
	if (codes.length === 0) return [];
	return [null, ...codes].map((code) => ({
		code: code ?? 'es',
		href: url.pathname + visitQuery({ ...visit, language: code }),
		current: code === visit.language
	}));
}

export function courseHead(course: Course, url: URL) {
	const visit = visitFrom(url);
	return {
		slug: course.slug,
		title: courseTitle(course),
		query: visitQuery(visit),
		languages: languageLinks(course, url)
	};
}

/** Links between modules inside the text keep the visit's place and language. */
export function keepVisitInLinks(html: string, course: Course, visit: Visit): string {
	const query = visitQuery(visit);
	if (!query) return html;
	const prefix = `href="/abierto/${course.slug}/`;
	return html.replace(
		new RegExp(`${prefix}(\\d{2}-[a-z0-9-]+)(#[^"]*)?"`, 'g'),
		(_, slug: string, hash?: string) => `${prefix}${slug}${query}${hash ?? ''}"`
	);
}
