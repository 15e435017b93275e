/** The poster form (Afiches): which course, size and place — parsed, with clear errors. */
import { m } from '$lib/paraglide/messages';
import { getConfig } from '../config';
import { findPublicCourse } from '../courses/catalog';
import type { Course } from '../courses/types';
import { courseTitle } from '../courses/view';
import { loadReportFonts } from '../reports/fonts';
import { parsePlace } from './place';
import { POSTER_SIZES, renderPosterPdf, type PosterSize } from './poster';
import { posterUrl } from './visit';

export type PosterRequest = { course: Course; size: PosterSize; place: string | null };
export type PosterErrors = Partial<Record<'curso' | 'lugar', string>>;

export function parsePosterRequest(
	params: URLSearchParams
): { ok: true; value: PosterRequest } | { ok: false; errors: PosterErrors } {
	const course = findPublicCourse(params.get('curso') ?? '');
	const size = (POSTER_SIZES as readonly string[]).includes(params.get('tamano') ?? '')
		? (params.get('tamano') as PosterSize)
		: 'A4';
	const rawPlace = (params.get('lugar') ?? '').trim();
	const place = rawPlace === '' ? null : parsePlace(rawPlace);
	const errors: PosterErrors = {};
	if (!course?.poster) errors.curso = m.poster_error_course();
	if (rawPlace !== '' && place === null) errors.lugar = m.poster_error_place();
	if (!course?.poster || errors.lugar) return { ok: false, errors };
	return { ok: true, value: { course, size, place } };
}

/** The poster's PDF; the QR code holds the course's absolute URL (ORIGIN, else this request's). */
export async function posterPdf(req: PosterRequest, requestOrigin: string): Promise<Buffer> {
	const { course, size, place } = req;
	return renderPosterPdf(
		{
			size,
			headline: course.poster?.title ?? courseTitle(course),
			signs: course.poster?.signs ?? [],
			url: posterUrl(getConfig().origin ?? requestOrigin, course, place),
			labels: {
				signsTitle: m.poster_signs_title(),
				scan: m.poster_scan(),
				free: m.poster_free(),
				footer: m.poster_footer()
			}
		},
		await loadReportFonts()
	);
}

export const posterFileName = (req: PosterRequest) =>
	`afiche_${req.course.slug}${req.place ? `_${req.place}` : ''}_${req.size}.pdf`;
