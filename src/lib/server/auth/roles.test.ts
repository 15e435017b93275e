import { describe, expect, it } from 'vitest';
import { canSeeInstitution, hasAnyRole, hasRole, institutionScope, type AuthUser } from './roles';

const user = (roles: AuthUser['roles']): AuthUser => ({
	id: 1,
	email: 'a@b.c',
	fullName: 'A',
	locale: 'es',
	country: 'BO',
	institutionId: 7,
	unitId: null,
	roles
});

describe('roles', () => {
	it('treats everyone as a learner and nothing more by default', () => {
		const u = user([]);
		expect(hasRole(u, 'learner')).toBe(true);
		expect(hasAnyRole(u, ['admin', 'coordinator', 'council', 'trainer'])).toBe(false);
		expect(institutionScope(u)).toEqual([]);
	});

	it('scopes a coordinator to the institution of the role, not of their own account', () => {
		const u = user([{ role: 'coordinator', institutionId: 3 }]);
		expect(institutionScope(u)).toEqual([3]);
		expect(canSeeInstitution(u, 3)).toBe(true);
		expect(canSeeInstitution(u, 7)).toBe(false);
	});

	it('gives admins every institution and council members none', () => {
		expect(institutionScope(user([{ role: 'admin', institutionId: null }]))).toBe('all');
		const council = user([{ role: 'council', institutionId: null }]);
		expect(canSeeInstitution(council, 7)).toBe(false);
	});
});
