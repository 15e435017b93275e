/**
 * What an anonymous visit carries from page to page without cookies: the poster's place and the
 * chosen course language, both in the query string (so each is also its own cache entry).
 */
import {
	TRANSLATION_LANGUAGES,
	type Course,
	type Module,
	type TranslationLanguage
} from '../courses/types';
import { parsePlace } from './place';

export type Visit = { place: string | null; language: TranslationLanguage | null };

export function visitFrom(url: URL): Visit {
	const lengua = url.searchParams.get('lengua');
	return {
		place: parsePlace(url.searchParams.get('lugar')),
		language: (TRANSLATION_LANGUAGES as readonly string[]).includes(lengua ?? '')
			? (lengua as TranslationLanguage)
			: null
	};
}

/** `?lugar=…&lengua=…` for the links of a page ('' when the visit has neither). */
export function visitQuery(v: Visit, extra: Record<string, string> = {}): string {
	const params = new URLSearchParams(extra);
	if (v.place) params.set('lugar', v.place);
	if (v.language) params.set('lengua', v.language);
	const q = params.toString();
	return q ? `?${q}` : '';
}

/** A module's reviewed translation into the visit's language, if there is one. */
export const reviewedTranslation = (module: Module, language: TranslationLanguage | null) =>
	language ? module.translations.find((t) => t.language === language && t.reviewed) : undefined;

/** The languages in which at least one module of the course has a reviewed translation. */
export const courseLanguages = (course: Course): TranslationLanguage[] =>
	TRANSLATION_LANGUAGES.filter((l) => course.modules.some((m) => reviewedTranslation(m, l)));

/** The course's URL as printed on a poster: absolute, with the place tag. */
export function posterUrl(origin: string, course: Course, place: string | null): string {
	return `${origin}/abierto/${course.slug}${place ? `?lugar=${place}` : ''}`;
}
