/**
 * Names and keys shared by the service worker and the pages (no DOM, no server code): which
 * Cache Storage caches Aula keeps and what goes in them. See docs/offline.md.
 */

/** Build assets and static files of one build: cache-first, dropped when a new build activates. */
export const STATIC_PREFIX = 'aula-static-';
/** Pages one learner downloaded for offline reading, served only when the network fails. */
export const PAGES_PREFIX = 'aula-pages-';

export const staticCacheName = (version: string) => STATIC_PREFIX + version;
export const pagesCacheName = (userId: number) => PAGES_PREFIX + userId;
export const isPagesCache = (name: string) => name.startsWith(PAGES_PREFIX);

/** Key, inside a learner's cache, of what was stored for a course (never a real route). */
export const courseRecordKey = (slug: string) => `/__aula-offline/${encodeURIComponent(slug)}`;

/** Tells the server a page request is a download, not a visit (it does not move "continue from"). */
export const DOWNLOAD_HEADER = 'x-aula-download';

/** What the course page shows about a stored copy. */
export type CourseRecord = { version: string; bytes: number; storedAt: string; pages: string[] };

/**
 * The build assets (`/_app/immutable/…`) a server-rendered page at `pagePath` loads: its
 * stylesheets and the imports of its start script, and the module preloads SvelteKit lists in the
 * response's `Link` header (every chunk the page's route needs, which the HTML does not name).
 * URLs may be relative to the page (`../../_app/…`); they come back as paths, once each, in order.
 *
 * @example assetUrls('<link href="../_app/immutable/assets/0.css" rel="stylesheet">', '/cursos/x') // ['/_app/immutable/assets/0.css']
 */
export function assetUrls(html: string, pagePath = '/', linkHeader: string | null = null): string[] {
	const base = new URL(pagePath, 'http://page.invalid');
	const inHtml = [...html.matchAll(/(?:href="|import\(")((?:\.{1,2}\/)*\/?_app\/immutable\/[^"?#]+)"/g)];
	const inHeader = [...(linkHeader ?? '').matchAll(/<((?:\.{1,2}\/)*\/?_app\/immutable\/[^>?#]+)>/g)];
	const paths = [...inHtml, ...inHeader].map((m) => new URL(m[1], base).pathname);
	return [...new Set(paths)];
}

/** Bytes as a person reads them: "740 KB", "1.4 MB" (one decimal under 10). */
export function formatBytes(bytes: number, locale = 'es'): string {
	const units = ['B', 'KB', 'MB', 'GB'];
	let value = bytes;
	let i = 0;
	while (value >= 1024 && i < units.length - 1) {
		value /= 1024;
		i++;
	}
	const digits = i > 0 && value < 10 ? 1 : 0;
	return `${value.toLocaleString(locale, { maximumFractionDigits: digits, minimumFractionDigits: digits })} ${units[i]}`;
}
