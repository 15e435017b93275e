/** The one place routes ask "who is this, and may they?". Use in every server load and action. */
import { error, redirect, type RequestEvent } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import type { Role } from '../db/schema';
import { canSeeInstitution, hasAnyRole, type AuthUser } from './roles';

export function requireUser(event: Pick<RequestEvent, 'locals' | 'url'>): AuthUser {
	const user = event.locals.user;
	if (!user) {
		const next = event.url.pathname + event.url.search;
		redirect(303, `/ingresar?next=${encodeURIComponent(next)}`);
	}
	return user;
}

/** The user, if they hold any of `roles`; otherwise 403 (or the login page when signed out). */
export function requireRole(
	event: Pick<RequestEvent, 'locals' | 'url'>,
	...roles: Role[]
): AuthUser {
	const user = requireUser(event);
	if (!hasAnyRole(user, roles)) error(403, m.error_forbidden());
	return user;
}

/** 403 unless the user may see the people of this institution (its coordinator, or an admin). */
export function requireInstitutionAccess(user: AuthUser, institutionId: number): void {
	if (!canSeeInstitution(user, institutionId)) error(403, m.error_forbidden());
}
