import { isHttpError } from '@sveltejs/kit';
import { describe, expect, it } from 'vitest';
import type { AuthUser } from '../auth/roles';
import { reportInstitutionId } from './institution-page';

const user = (roles: AuthUser['roles']): AuthUser => ({
	id: 1,
	email: 'a@example.org',
	fullName: 'A',
	locale: 'es',
	country: 'BO',
	institutionId: 3,
	unitId: null,
	roles
});
const coordinator = user([{ role: 'coordinator', institutionId: 3 }]);
const admin = user([{ role: 'admin', institutionId: null }]);

function status(f: () => unknown): number | 'ok' {
	try {
		f();
		return 'ok';
	} catch (e) {
		if (isHttpError(e)) return e.status;
		throw e;
	}
}

describe('which institution report a viewer gets', () => {
	it('gives a coordinator their own institution, asked or not', () => {
		expect(reportInstitutionId(coordinator, null)).toBe(3);
		expect(reportInstitutionId(coordinator, '3')).toBe(3);
	});

	it("refuses a coordinator another institution's report, whatever the parameter says", () => {
		for (const asked of ['4', '03.5', '1e3', '-3'])
			expect(
				status(() => reportInstitutionId(coordinator, asked)),
				asked
			).not.toBe('ok');
		expect(status(() => reportInstitutionId(coordinator, '4'))).toBe(403);
		// Past the integer column (a query error on PostgreSQL): not found, before any access check.
		for (const asked of ['2147483648', '999999999999999999999'])
			expect(
				status(() => reportInstitutionId(coordinator, asked)),
				asked
			).toBe(404);
		expect(
			status(() => reportInstitutionId(user([{ role: 'council', institutionId: null }]), '3'))
		).toBe(403);
	});

	it('lets an admin pick any institution, and asks them to pick one', () => {
		expect(reportInstitutionId(admin, '4')).toBe(4);
		expect(reportInstitutionId(admin, null)).toBeNull();
		expect(status(() => reportInstitutionId(admin, 'abc'))).toBe(404);
	});
});
