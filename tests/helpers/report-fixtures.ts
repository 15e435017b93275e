/** Small factories for report tests: rows written as given, dates and all, so figures can be hand-checked. */
import type { Kysely } from 'kysely';
import type { Country, DB, EnrolmentStatus } from '../../src/lib/server/db/schema';
import { createInstitution, createUnit } from '../../src/lib/server/institutions/repository';
import { createUser } from '../../src/lib/server/users/repository';

let n = 0;

export async function reportInstitution(
	db: Kysely<DB>,
	name: string,
	country: Country,
	department: string | null
) {
	return createInstitution(db, {
		name,
		shortName: name.slice(0, 4).toUpperCase(),
		country,
		sector: 'police',
		department
	});
}

export function reportUnit(
	db: Kysely<DB>,
	institutionId: number,
	name: string,
	department: string | null
) {
	return createUnit(db, institutionId, name, department);
}

export async function reportLearner(
	db: Kysely<DB>,
	fullName: string,
	country: Country,
	institutionId: number | null,
	unitId: number | null = null
) {
	return createUser(db, {
		email: `informe${++n}-${Date.now()}@example.org`,
		fullName,
		passwordHash: null,
		country,
		institutionId,
		unitId,
		verified: true
	});
}

export async function courseVersion(
	db: Kysely<DB>,
	slug: string,
	version: string,
	title: string,
	hours: number,
	firstSeenAt: string
) {
	await db
		.insertInto('course_versions')
		.values({ course_slug: slug, version, title, hours, modules: 3, first_seen_at: firstSeenAt })
		.execute();
}

export type EnrolmentSpec = {
	userId: number;
	course: string;
	version: string;
	status: EnrolmentStatus;
	enrolledAt: string;
	lastActivityAt?: string | null;
	completedAt?: string | null;
	completedVersion?: string | null;
	finalScore?: number | null;
};

export async function enrolmentAt(db: Kysely<DB>, s: EnrolmentSpec) {
	return db
		.insertInto('enrolments')
		.values({
			user_id: s.userId,
			course_slug: s.course,
			course_version: s.version,
			status: s.status,
			source: 'self',
			enrolled_at: s.enrolledAt,
			last_module: null,
			last_activity_at: s.lastActivityAt ?? null,
			completed_at: s.completedAt ?? null,
			completed_version: s.completedVersion ?? null,
			final_score: s.finalScore ?? null
		})
		.returning(['id', 'user_id', 'course_slug', 'course_version', 'completed_at'])
		.executeTakeFirstOrThrow();
}

export async function certificateAt(
	db: Kysely<DB>,
	e: {
		id: number;
		user_id: number;
		course_slug: string;
		course_version: string;
		completed_at: string | null;
	},
	issuedAt: string,
	revokedAt: string | null = null
) {
	await db
		.insertInto('certificates')
		.values({
			code: `AULA-T${++n}-${Date.now().toString(36).toUpperCase()}`,
			enrolment_id: e.id,
			user_id: e.user_id,
			course_slug: e.course_slug,
			course_version: e.course_version,
			full_name: 'Nombre congelado',
			course_title: 'Curso',
			hours: 1,
			institution_id: null,
			institution_name: null,
			locale: 'es',
			completed_at: e.completed_at ?? issuedAt,
			issued_at: issuedAt,
			payload: '{}',
			signature: 'test',
			key_id: 'test',
			revoked_at: revokedAt,
			revoked_reason: revokedAt ? 'prueba' : null,
			revoked_by: null
		})
		.execute();
}
