/**
 * HTTP for the open courses: their pages are the same for every visitor, so a proxy at a border
 * post or a phone's cache may keep them. No session is looked up there (hooks.server.ts), so no
 * cookie is ever set by them; an ETag lets a cache revalidate with a 304 instead of the page.
 */
import { createHash } from 'node:crypto';

/** Where the open courses live. */
export const isPublicPath = (pathname: string) =>
	pathname === '/abierto' || pathname.startsWith('/abierto/');

/** Five minutes: a content fix reaches readers soon; the ETag makes revalidating cheap. */
export const PUBLIC_CACHE_CONTROL = 'public, max-age=300';

/** A strong ETag from the bytes of the body. */
export function etagOf(body: string | Uint8Array): string {
	return `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`;
}

/** Whether an `If-None-Match` header names `etag` (weak comparison, as RFC 9110 asks for GET). */
export function matchesEtag(ifNoneMatch: string | null, etag: string): boolean {
	if (!ifNoneMatch) return false;
	const bare = (tag: string) => tag.trim().replace(/^W\//, '');
	return ifNoneMatch.split(',').some((t) => t.trim() === '*' || bare(t) === bare(etag));
}

/**
 * A public page's response made cacheable: `Cache-Control: public`, an ETag over the final HTML
 * and `Vary: Cookie` (the interface language comes from a cookie); a 304 without the body when
 * the request already holds this version. Anything but a plain 200 page passes unchanged.
 */
export async function withPublicCaching(request: Request, response: Response): Promise<Response> {
	const cacheable =
		(request.method === 'GET' || request.method === 'HEAD') &&
		response.status === 200 &&
		!response.headers.has('set-cookie') &&
		(response.headers.get('content-type') ?? '').startsWith('text/html');
	if (!cacheable) {
		if (!response.headers.has('cache-control')) response.headers.set('cache-control', 'no-store');
		return response;
	}
	const body = new Uint8Array(await response.arrayBuffer());
	const etag = etagOf(body);
	const headers = new Headers(response.headers);
	headers.set('etag', etag);
	headers.set('cache-control', PUBLIC_CACHE_CONTROL);
	headers.set('vary', 'Cookie');
	if (matchesEtag(request.headers.get('if-none-match'), etag)) {
		for (const h of ['content-type', 'content-length', 'link']) headers.delete(h);
		return new Response(null, { status: 304, headers });
	}
	return new Response(request.method === 'HEAD' ? null : body, { status: 200, headers });
}
