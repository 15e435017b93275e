/**
 * HTTP edges shared by routes: where a form may send the browser back to, and how a download is named.
 */

// Any origin works: only "same origin as this one" matters. `.invalid` can never be a real host.
const BASE = new URL('https://aula.invalid/');

/**
 * A same-site path to go back to after a form, or `fallback` for anything else (open-redirect guard).
 * The value is parsed the way a browser resolves a `Location` (WHATWG URL, which drops tabs and
 * newlines and reads `\` as `/`), and only a path on this origin survives, re-serialised, e.g.
 * `safeRedirectPath('/cursos?q=a b')` is `'/cursos?q=a%20b'`, `safeRedirectPath('/\t/evil.example')` is `'/'`.
 */
export function safeRedirectPath(value: unknown, fallback = '/'): string {
	if (typeof value !== 'string' || !value.startsWith('/')) return fallback;
	let url: URL;
	try {
		url = new URL(value, BASE);
	} catch {
		return fallback;
	}
	if (url.origin !== BASE.origin) return fallback;
	const path = url.pathname + url.search + url.hash;
	// `/.//evil.example` resolves to the path `//evil.example`, which a browser would read as a host.
	if (!path.startsWith('/') || path.startsWith('//')) return fallback;
	// The URL standard leaves `\` as it is in a query or fragment; encoded, no reader can take it for `/`.
	return path.replace(/\\/g, '%5C');
}

/**
 * A `Content-Disposition` header value for a download (RFC 6266): an ASCII `filename` for old
 * clients and the exact name as `filename*=UTF-8''…`. Header values must be Latin-1, so a name
 * like `certificados-İnstituto.zip` would otherwise break the response.
 * `contentDisposition('Informe año.csv')` → `attachment; filename="Informe ano.csv"; filename*=UTF-8''Informe%20a%C3%B1o.csv`
 */
export function contentDisposition(
	fileName: string,
	type: 'attachment' | 'inline' = 'attachment'
): string {
	const clean = fileName.replace(/[\u0000-\u001f\u007f-\u009f/\\]/g, '').trim() || 'descarga';
	const ascii =
		clean
			.normalize('NFKD')
			.replace(/[\u0300-\u036f]/g, '')
			.replace(/[^\x20-\x7e]/g, '_')
			.replace(/["%;]/g, '_') || 'descarga';
	// encodeURIComponent leaves !'()* as they are; RFC 5987's attr-char does not allow ' ( ) *.
	const encoded = encodeURIComponent(clean).replace(
		/['()*]/g,
		(c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`
	);
	return `${type}; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}
