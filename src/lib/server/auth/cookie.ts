import type { Cookies } from '@sveltejs/kit';
import { SESSION_COOKIE } from './session';

// Secure whenever the site is served over HTTPS (always in production behind TLS); plain-HTTP
// localhost demos still work.
export function setSessionCookie(cookies: Cookies, url: URL, token: string, expiresAt: string) {
	cookies.set(SESSION_COOKIE, token, {
		path: '/',
		httpOnly: true,
		sameSite: 'lax',
		secure: url.protocol === 'https:',
		expires: new Date(expiresAt)
	});
}

export function deleteSessionCookie(cookies: Cookies, url: URL) {
	cookies.delete(SESSION_COOKIE, { path: '/', secure: url.protocol === 'https:' });
}

export const LOCALE_COOKIE = 'PARAGLIDE_LOCALE';

export function setLocaleCookie(cookies: Cookies, locale: 'es' | 'en') {
	cookies.set(LOCALE_COOKIE, locale, {
		path: '/',
		httpOnly: false,
		sameSite: 'lax',
		secure: false,
		maxAge: 60 * 60 * 24 * 400
	});
}
