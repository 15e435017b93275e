import type { Kysely } from 'kysely';
import type { AuthUser, GrantedRole } from '../auth/roles';
import type { Country, DB, Role, User } from '../db/schema';

export const normalizeEmail = (email: string) => email.trim().toLowerCase();

export function findUserByEmail(db: Kysely<DB>, email: string): Promise<User | undefined> {
	return db
		.selectFrom('users')
		.selectAll()
		.where('email', '=', normalizeEmail(email))
		.executeTakeFirst();
}

export function getUser(db: Kysely<DB>, id: number): Promise<User | undefined> {
	return db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
}

export type NewAccount = {
	email: string;
	fullName: string;
	passwordHash: string | null;
	country: Country;
	institutionId: number | null;
	unitId: number | null;
	jobTitle?: string | null;
	locale?: 'es' | 'en';
	verified?: boolean;
};

export async function createUser(db: Kysely<DB>, a: NewAccount, now = new Date()): Promise<User> {
	const iso = now.toISOString();
	return db
		.insertInto('users')
		.values({
			email: normalizeEmail(a.email),
			full_name: a.fullName.trim(),
			password_hash: a.passwordHash,
			country: a.country,
			institution_id: a.institutionId,
			unit_id: a.unitId,
			job_title: a.jobTitle?.trim() || null,
			locale: a.locale ?? 'es',
			email_verified_at: a.verified ? iso : null,
			created_at: iso,
			updated_at: iso
		})
		.returningAll()
		.executeTakeFirstOrThrow();
}

export async function setPasswordHash(db: Kysely<DB>, userId: number, hash: string) {
	await db
		.updateTable('users')
		.set({ password_hash: hash, updated_at: new Date().toISOString() })
		.where('id', '=', userId)
		.execute();
}

export async function markEmailVerified(db: Kysely<DB>, userId: number, now = new Date()) {
	await db
		.updateTable('users')
		.set({ email_verified_at: now.toISOString() })
		.where('id', '=', userId)
		.where('email_verified_at', 'is', null)
		.execute();
}

export async function setUserLocale(db: Kysely<DB>, userId: number, locale: 'es' | 'en') {
	await db.updateTable('users').set({ locale }).where('id', '=', userId).execute();
}

export async function rolesOf(db: Kysely<DB>, userId: number): Promise<GrantedRole[]> {
	const rows = await db
		.selectFrom('user_roles')
		.select(['role', 'institution_id'])
		.where('user_id', '=', userId)
		.orderBy('role')
		.execute();
	return rows.map((r) => ({ role: r.role, institutionId: r.institution_id }));
}

/** The signed-in view of a user, as the hooks put it in `locals.user`. */
export async function loadAuthUser(db: Kysely<DB>, userId: number): Promise<AuthUser | null> {
	const u = await getUser(db, userId);
	if (!u) return null;
	return {
		id: u.id,
		email: u.email,
		fullName: u.full_name,
		locale: u.locale,
		country: u.country,
		institutionId: u.institution_id,
		unitId: u.unit_id,
		roles: await rolesOf(db, u.id)
	};
}

/** Grants (or re-scopes) a role; coordinators need the institution they will manage. */
export async function grantRole(
	db: Kysely<DB>,
	userId: number,
	role: Exclude<Role, 'learner'>,
	institutionId: number | null,
	grantedBy: number | null,
	now = new Date()
) {
	await db
		.insertInto('user_roles')
		.values({
			user_id: userId,
			role,
			institution_id: role === 'coordinator' ? institutionId : null,
			granted_at: now.toISOString(),
			granted_by: grantedBy
		})
		.onConflict((oc) =>
			oc.columns(['user_id', 'role']).doUpdateSet({
				institution_id: role === 'coordinator' ? institutionId : null,
				granted_at: now.toISOString(),
				granted_by: grantedBy
			})
		)
		.execute();
}

export async function revokeRole(db: Kysely<DB>, userId: number, role: Exclude<Role, 'learner'>) {
	const res = await db
		.deleteFrom('user_roles')
		.where('user_id', '=', userId)
		.where('role', '=', role)
		.executeTakeFirst();
	return res.numDeletedRows > 0n;
}

export async function countAdmins(db: Kysely<DB>): Promise<number> {
	const row = await db
		.selectFrom('user_roles')
		.select((eb) => eb.fn.countAll<number>().as('n'))
		.where('role', '=', 'admin')
		.executeTakeFirstOrThrow();
	return Number(row.n);
}

export type UserFilter = { q?: string; institutionIds?: number[] | 'all'; limit?: number };

/** People list for admins (all) and coordinators (their institutions only). */
export function listUsers(db: Kysely<DB>, filter: UserFilter) {
	let q = db
		.selectFrom('users')
		.leftJoin('institutions', 'institutions.id', 'users.institution_id')
		.leftJoin('units', 'units.id', 'users.unit_id')
		.select([
			'users.id',
			'users.full_name',
			'users.email',
			'users.country',
			'users.created_at',
			'users.email_verified_at',
			'users.institution_id',
			'institutions.name as institution_name',
			'units.name as unit_name'
		]);
	const scope = filter.institutionIds ?? 'all';
	if (scope !== 'all') {
		if (scope.length === 0) return Promise.resolve([]);
		q = q.where('users.institution_id', 'in', scope);
	}
	if (filter.q) {
		const like = `%${filter.q.trim().toLowerCase()}%`;
		q = q.where((eb) =>
			eb.or([eb(eb.fn('lower', ['users.full_name']), 'like', like), eb('users.email', 'like', like)])
		);
	}
	return q
		.orderBy('users.full_name')
		.limit(filter.limit ?? 200)
		.execute();
}
