/** Course data as pages show it, in the reader's language where a translation exists. */
import { getLocale } from '$lib/paraglide/runtime';
import type { Course, Module } from './types';

export const courseTitle = (c: Course) => (getLocale() === 'en' && c.titleEn) || c.title;
export const courseSummary = (c: Course) => (getLocale() === 'en' && c.summaryEn) || c.summary;
export const moduleTitle = (m: Module) => (getLocale() === 'en' && m.titleEn) || m.title;

export function courseCard(c: Course) {
	return {
		slug: c.slug,
		title: courseTitle(c),
		summary: courseSummary(c),
		hours: c.hours,
		modules: c.modules.length,
		language: c.language
	};
}
