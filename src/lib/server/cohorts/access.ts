/**
 * Who may manage a cohort, and the guard cohort pages use: the cohort, if the signed-in user may
 * manage (or take attendance in) it.
 */
import { error } from '@sveltejs/kit';
import type { Kysely } from 'kysely';
import { m } from '$lib/paraglide/messages';
import { canSeeInstitution, hasAnyRole, type AuthUser } from '../auth/roles';
import type { Cohort, DB } from '../db/schema';
import { parseId } from '../input/ids';
import { getCohort } from './repository';

/** Coordinators of the cohort's institution and admins manage it; trainers may take attendance. */
export function canManageCohort(user: AuthUser, cohort: Pick<Cohort, 'institution_id'>): boolean {
	return canSeeInstitution(user, cohort.institution_id);
}

export function canTakeAttendance(user: AuthUser, cohort: Pick<Cohort, 'institution_id'>): boolean {
	return canManageCohort(user, cohort) || hasAnyRole(user, ['trainer']);
}

/** 404 for an unknown id, 403 for a cohort of another institution (URL tampering included). */
export async function requireCohort(
	db: Kysely<DB>,
	user: AuthUser,
	rawId: string,
	purpose: 'manage' | 'attendance' = 'manage'
): Promise<Cohort> {
	const id = parseId(rawId);
	if (id === null) error(404, m.error_not_found());
	const cohort = await getCohort(db, id);
	if (!cohort) error(404, m.error_not_found());
	const allowed =
		purpose === 'manage' ? canManageCohort(user, cohort) : canTakeAttendance(user, cohort);
	if (!allowed) error(403, m.error_forbidden());
	return cohort;
}
