/**
 * Certificates: issued once per completed enrolment (inside the completion's transaction), signed,
 * looked up by code, revoked by admins. What a certificate says is frozen at issuance.
 */
import type { Kysely } from 'kysely';
import { recordAudit } from '../audit';
import type { Course } from '../courses/types';
import { chunks } from '../db/chunks';
import type { Certificate, DB, Enrolment } from '../db/schema';
import { trackReportFacts } from '../reports/rollup';
import { newCertificateCode } from './code';
import { getSigningKey } from './keys';
import { canonicalJson, signPayload, type CertificatePayload } from './signature';
import { statusIndexOf } from './status-list';

/**
 * What a certificate attests, read from its row: the one place the `payload` column is parsed (only
 * issueCertificate writes it, from a CertificatePayload). The row keeps the string too, because the
 * signature and the QR's seal cover its exact bytes.
 */
export function certificatePayload(cert: Pick<Certificate, 'payload'>): CertificatePayload {
	return JSON.parse(cert.payload) as CertificatePayload;
}

export function getCertificateByCode(
	db: Kysely<DB>,
	code: string
): Promise<Certificate | undefined> {
	return db.selectFrom('certificates').selectAll().where('code', '=', code).executeTakeFirst();
}

export function certificateOfEnrolment(db: Kysely<DB>, enrolmentId: number) {
	return db
		.selectFrom('certificates')
		.selectAll()
		.where('enrolment_id', '=', enrolmentId)
		.executeTakeFirst();
}

export function listCertificatesOfUser(db: Kysely<DB>, userId: number) {
	return db
		.selectFrom('certificates')
		.selectAll()
		.where('user_id', '=', userId)
		.orderBy('issued_at', 'desc')
		.execute();
}

export function listCertificatesOfInstitution(
	db: Kysely<DB>,
	institutionId: number,
	courseSlug?: string
) {
	let q = db
		.selectFrom('certificates')
		.selectAll()
		.where('institution_id', '=', institutionId)
		.where('revoked_at', 'is', null);
	if (courseSlug) q = q.where('course_slug', '=', courseSlug);
	return q.orderBy('full_name').execute();
}

export function searchCertificates(db: Kysely<DB>, query: string, limit = 50) {
	let q = db.selectFrom('certificates').selectAll();
	if (query) {
		const like = `%${query.trim().toLowerCase()}%`;
		q = q.where((eb) =>
			eb.or([
				eb(eb.fn('lower', ['full_name']), 'like', like),
				eb(eb.fn('lower', ['code']), 'like', like)
			])
		);
	}
	return q.orderBy('issued_at', 'desc').limit(limit).execute();
}

/**
 * Issues the certificate of a just-completed enrolment. Call inside the completion transaction;
 * the unique enrolment_id makes a retry or a race return the existing one instead of a second.
 */
export async function issueCertificate(
	db: Kysely<DB>,
	enrolment: Enrolment,
	course: Course,
	now = new Date()
): Promise<Certificate> {
	const existing = await certificateOfEnrolment(db, enrolment.id);
	if (existing) return existing;
	const person = await db
		.selectFrom('users')
		.leftJoin('institutions', 'institutions.id', 'users.institution_id')
		.select([
			'users.full_name',
			'users.locale',
			'users.country',
			'users.institution_id',
			'institutions.name as institution_name',
			'institutions.country as institution_country'
		])
		.where('users.id', '=', enrolment.user_id)
		.executeTakeFirstOrThrow();
	const issuerCountry = person.institution_country ?? person.country;
	const key = getSigningKey();
	const completedAt = enrolment.completed_at ?? now.toISOString();
	const courseTitle = person.locale === 'en' && course.titleEn ? course.titleEn : course.title;

	for (let tries = 0; ; tries++) {
		const code = newCertificateCode();
		const payload: CertificatePayload = {
			code,
			name: person.full_name,
			course: course.slug,
			version: course.version,
			hours: course.hours,
			completed: completedAt.slice(0, 10),
			institution: person.institution_name,
			issuer: issuerCountry,
			issued: now.toISOString().slice(0, 10),
			key: key.keyId
		};
		const json = canonicalJson(payload);
		const inserted = await db
			.insertInto('certificates')
			.values({
				code,
				enrolment_id: enrolment.id,
				user_id: enrolment.user_id,
				course_slug: course.slug,
				course_version: course.version,
				full_name: person.full_name,
				course_title: courseTitle,
				hours: course.hours,
				institution_id: person.institution_id,
				institution_name: person.institution_name,
				locale: person.locale,
				completed_at: completedAt,
				issued_at: now.toISOString(),
				payload: json,
				signature: signPayload(json, key.privateKey),
				key_id: key.keyId,
				revoked_at: null,
				revoked_reason: null,
				revoked_by: null
			})
			.onConflict((oc) => oc.doNothing())
			.returningAll()
			.executeTakeFirst();
		if (inserted) return inserted;
		const raced = await certificateOfEnrolment(db, enrolment.id);
		if (raced) return raced;
		// Otherwise the code collided with another certificate's: draw again.
		if (tries > 5) throw new Error('Could not find a free certificate code');
	}
}

/**
 * Certificates for completions that have none (e.g. completed before certificates existed), 200
 * to a transaction: each batch's report counts move once, not once per certificate.
 */
export async function issueMissingCertificates(db: Kysely<DB>, courses: Course[]): Promise<number> {
	const missing = await db
		.selectFrom('enrolments')
		.leftJoin('certificates', 'certificates.enrolment_id', 'enrolments.id')
		.selectAll('enrolments')
		.where('enrolments.completed_at', 'is not', null)
		.where('certificates.id', 'is', null)
		.execute();
	const issuable = missing.filter((e) => courses.some((c) => c.slug === e.course_slug));
	for (const batch of chunks(issuable, 200)) {
		await trackReportFacts(
			db,
			batch.map((e) => e.user_id),
			async (trx) => {
				for (const e of batch)
					await issueCertificate(
						trx,
						e,
						courses.find((c) => c.slug === e.course_slug)!
					);
			}
		);
	}
	return issuable.length;
}

export type RevokeResult = 'ok' | 'not-found' | 'already-revoked';

export async function revokeCertificate(
	db: Kysely<DB>,
	code: string,
	reason: string,
	actorId: number,
	now = new Date()
): Promise<RevokeResult> {
	return db.transaction().execute(async (tx) => {
		const cert = await getCertificateByCode(tx, code);
		if (!cert) return 'not-found';
		return trackReportFacts(tx, [cert.user_id], async (trx) => {
			const res = await trx
				.updateTable('certificates')
				.set({ revoked_at: now.toISOString(), revoked_reason: reason, revoked_by: actorId })
				.where('id', '=', cert.id)
				.where('revoked_at', 'is', null)
				.executeTakeFirst();
			if (res.numUpdatedRows !== 1n) return 'already-revoked';
			await recordAudit(trx, {
				actorId,
				action: 'certificate.revoke',
				targetType: 'certificate',
				targetId: code,
				details: { reason }
			});
			return 'ok' as const;
		});
	});
}

/**
 * What the revocation status list is built from: the indexes (ids) of revoked certificates, the
 * highest index so far (the list covers every issued certificate) and when the list last changed.
 */
export async function revocationListFacts(db: Kysely<DB>) {
	const [revoked, latest] = await Promise.all([
		db
			.selectFrom('certificates')
			.select(['id', 'revoked_at'])
			.where('revoked_at', 'is not', null)
			.execute(),
		db
			.selectFrom('certificates')
			.select((eb) => [eb.fn.max('id').as('highest'), eb.fn.max('issued_at').as('lastIssued')])
			.executeTakeFirstOrThrow()
	]);
	const changes = [latest.lastIssued, ...revoked.map((r) => r.revoked_at)].filter(
		(d): d is string => d !== null
	);
	return {
		revokedIndexes: revoked.map((r) => statusIndexOf(r)),
		highestIndex: latest.highest ?? 0,
		// ISO strings in UTC compare as dates; an empty database has never changed.
		validFrom: changes.reduce((a, b) => (a > b ? a : b), '1970-01-01T00:00:00.000Z')
	};
}
