import { describe, expect, it } from 'vitest';
import { etagOf, isPublicPath, matchesEtag, PUBLIC_CACHE_CONTROL, withPublicCaching } from './http';

const page = (body = '<p>hola</p>', init: ResponseInit = {}) =>
	new Response(body, { status: 200, headers: { 'content-type': 'text/html' }, ...init });
const get = (headers: Record<string, string> = {}, method = 'GET') =>
	new Request('http://aula.test/abierto/x', { method, headers });

describe('public page caching', () => {
	it('marks a public page cacheable by a proxy, with an ETag of its body and Vary: Cookie', async () => {
		const res = await withPublicCaching(get(), page());
		expect(res.status).toBe(200);
		expect(res.headers.get('cache-control')).toBe(PUBLIC_CACHE_CONTROL);
		expect(res.headers.get('cache-control')).toMatch(/^public, max-age=\d+$/);
		expect(res.headers.get('etag')).toBe(etagOf('<p>hola</p>'));
		expect(res.headers.get('vary')).toBe('Cookie');
		expect(await res.text()).toBe('<p>hola</p>');
	});

	it('answers 304 without a body when If-None-Match holds the current ETag (also weak or in a list)', async () => {
		const etag = etagOf('<p>hola</p>');
		for (const inm of [etag, `W/${etag}`, `"old", ${etag}`, '*']) {
			const res = await withPublicCaching(get({ 'if-none-match': inm }), page());
			expect(res.status, inm).toBe(304);
			expect(await res.text()).toBe('');
			expect(res.headers.get('etag')).toBe(etag);
			expect(res.headers.get('cache-control')).toBe(PUBLIC_CACHE_CONTROL);
		}
	});

	it('sends the page again when the ETag changed', async () => {
		const res = await withPublicCaching(get({ 'if-none-match': '"stale"' }), page('<p>nuevo</p>'));
		expect(res.status).toBe(200);
		expect(await res.text()).toBe('<p>nuevo</p>');
	});

	it('never caches a POST result, a redirect, an error or a response that sets a cookie', async () => {
		const cases: [Request, Response][] = [
			[get({}, 'POST'), page()],
			[get(), new Response(null, { status: 303, headers: { location: '/abierto/x/01-a' } })],
			[get(), page('no', { status: 404 })],
			[get(), page('<p>x</p>', { headers: { 'content-type': 'text/html', 'set-cookie': 'a=b' } })]
		];
		for (const [req, res] of cases) {
			const out = await withPublicCaching(req, res);
			expect(out.headers.get('cache-control')).toBe('no-store');
			expect(out.headers.get('etag')).toBeNull();
		}
	});

	it('matches ETags and public paths exactly', () => {
		expect(matchesEtag(null, '"a"')).toBe(false);
		expect(matchesEtag('"b"', '"a"')).toBe(false);
		expect(isPublicPath('/abierto/oferta-segura')).toBe(true);
		expect(isPublicPath('/abierto')).toBe(true);
		expect(isPublicPath('/abiertos')).toBe(false);
		expect(isPublicPath('/cursos/frontera')).toBe(false);
	});
});
