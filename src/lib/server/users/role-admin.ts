/** Role changes made by an admin: validated, written with their audit entry in one transaction. */
import type { Kysely } from 'kysely';
import { recordAudit } from '../audit';
import type { DB, Role } from '../db/schema';
import { getInstitution } from '../institutions/repository';
import { countAdmins, getUser, grantRole, revokeRole } from './repository';

export const GRANTABLE_ROLES = ['trainer', 'coordinator', 'council', 'admin'] as const;
export type GrantableRole = (typeof GRANTABLE_ROLES)[number];

export type RoleChangeError = 'user-not-found' | 'scope-required' | 'last-admin';

export async function assignRole(
	db: Kysely<DB>,
	actorId: number,
	userId: number,
	role: GrantableRole,
	institutionId: number | null
): Promise<RoleChangeError | null> {
	if (
		role === 'coordinator' &&
		(institutionId === null || !(await getInstitution(db, institutionId)))
	) {
		return 'scope-required';
	}
	return db.transaction().execute(async (trx) => {
		if (!(await getUser(trx, userId))) return 'user-not-found';
		await grantRole(trx, userId, role, institutionId, actorId);
		await recordAudit(trx, {
			actorId,
			action: 'role.grant',
			targetType: 'user',
			targetId: userId,
			details: { role, institutionId: role === 'coordinator' ? institutionId : null }
		});
		return null;
	});
}

export async function removeRole(
	db: Kysely<DB>,
	actorId: number,
	userId: number,
	role: Exclude<Role, 'learner'>
): Promise<RoleChangeError | null> {
	return db.transaction().execute(async (trx) => {
		if (role === 'admin' && (await countAdmins(trx)) <= 1) return 'last-admin';
		if (await revokeRole(trx, userId, role)) {
			await recordAudit(trx, {
				actorId,
				action: 'role.revoke',
				targetType: 'user',
				targetId: userId,
				details: { role }
			});
		}
		return null;
	});
}
