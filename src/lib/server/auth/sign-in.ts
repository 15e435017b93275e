/**
 * Signing a person in once they proved who they are (password, activation link or invitation):
 * a new session, its cookie, and their language. Used by /ingresar, /activar and /invitacion.
 */
import type { RequestEvent } from '@sveltejs/kit';
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema';
import { getUser } from '../users/repository';
import { setLocaleCookie, setSessionCookie } from './cookie';
import { createSession } from './session';

export async function signIn(
	event: Pick<RequestEvent, 'cookies' | 'url' | 'request' | 'getClientAddress'>,
	db: Kysely<DB>,
	userId: number
): Promise<void> {
	const [user, { token, session }] = await Promise.all([
		getUser(db, userId),
		createSession(db, userId, {
			userAgent: event.request.headers.get('user-agent'),
			ip: event.getClientAddress()
		})
	]);
	setSessionCookie(event.cookies, event.url, token, session.expires_at);
	if (user) setLocaleCookie(event.cookies, user.locale);
}
