/** Poster places: the `?lugar=` tag a poster's QR code carries, e.g. `cebaf-desaguadero`. */

const PLACE = /^[a-z0-9]+(-[a-z0-9]+)*$/;
export const PLACE_MAX = 60;

/**
 * A place tag as typed by a coordinator or read from a URL: lower-case letters, digits and single
 * hyphens, at most 60 characters. Anything else is refused rather than "fixed", so counts never
 * split over spellings nobody chose.
 * @example parsePlace('cebaf-desaguadero') // 'cebaf-desaguadero'; parsePlace('Desaguadero ') // null
 */
export function parsePlace(value: unknown): string | null {
	if (typeof value !== 'string' || value.length > PLACE_MAX || !PLACE.test(value)) return null;
	return value;
}
