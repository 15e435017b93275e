/** Who may do what. Pure functions over the signed-in user's roles; the guards in ./guard use them. */
import type { Role } from '../db/schema';

export const ROLES = ['learner', 'trainer', 'coordinator', 'council', 'admin'] as const;
export type GrantedRole = { role: Exclude<Role, 'learner'>; institutionId: number | null };

export type AuthUser = {
	id: number;
	email: string;
	fullName: string;
	locale: 'es' | 'en';
	country: 'BO' | 'PE';
	institutionId: number | null;
	unitId: number | null;
	/** Every user is a learner; these are the roles granted on top. */
	roles: GrantedRole[];
};

export function hasRole(user: AuthUser, role: Role): boolean {
	return role === 'learner' || user.roles.some((r) => r.role === role);
}

export function hasAnyRole(user: AuthUser, roles: readonly Role[]): boolean {
	return roles.some((r) => hasRole(user, r));
}

/** Institutions whose people a user may see: 'all' for admins, the coordinated one(s) otherwise. */
export function institutionScope(user: AuthUser): 'all' | number[] {
	if (hasRole(user, 'admin')) return 'all';
	return user.roles
		.filter((r) => r.role === 'coordinator' && r.institutionId !== null)
		.map((r) => r.institutionId as number);
}

export function canSeeInstitution(user: AuthUser, institutionId: number): boolean {
	const scope = institutionScope(user);
	return scope === 'all' || scope.includes(institutionId);
}
