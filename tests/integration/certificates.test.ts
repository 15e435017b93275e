import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rebuildReportRollup } from '../../src/lib/server/reports/rollup';
import { getSigningKey } from '../../src/lib/server/certificates/keys';
import {
	getCertificateByCode,
	issueMissingCertificates,
	listCertificatesOfInstitution,
	revocationListFacts,
	revokeCertificate
} from '../../src/lib/server/certificates/repository';
import { openBadgeCredential } from '../../src/lib/server/certificates/open-badge';
import { verifyDataIntegrity } from '../../src/lib/server/certificates/proof';
import { statusFromList, statusListCredential } from '../../src/lib/server/certificates/status-list';
import { verifyPayload } from '../../src/lib/server/certificates/signature';
import { findCourse } from '../../src/lib/server/courses/catalog';
import type { Course, QuizModule } from '../../src/lib/server/courses/types';
import { enrol, getEnrolment } from '../../src/lib/server/enrolment/repository';
import { markModuleRead, recordQuizResult } from '../../src/lib/server/enrolment/completion';
import { newInstitution, newUser } from '../helpers/factories';
import { createTestDb, DIALECTS, rollupDifferences, type TestDb } from '../helpers/test-db';

/** Brings an enrolment to the last step: every module but the last read and passed. */
async function almostComplete(db: TestDb['db'], course: Course, userId: number) {
	const enrolment = await enrol(db, userId, course, 'self');
	for (const m of course.modules.slice(0, -1)) {
		await markModuleRead(db, enrolment, course, m);
		await db.transaction().execute((trx) => recordQuizResult(trx, enrolment, course, m, 100, true));
	}
	await markModuleRead(db, enrolment, course, course.modules.at(-1)!);
	return enrolment;
}

describe.each(DIALECTS)('certificates on %s', (dialect) => {
	let t: TestDb;
	let course: Course;
	beforeAll(async () => {
		process.env.CERT_KEY_FILE = `/tmp/aula-test-cert-key-${process.pid}.pem`;
		t = await createTestDb(dialect);
		course = findCourse('asistencia-consular')!;
	});
	afterAll(() => t.destroy());

	it('issues exactly one signed certificate when the course completes, even if completion races', async () => {
		const inst = await newInstitution(t.db, `Consulado ${dialect}`);
		const user = await newUser(t.db, { institutionId: inst.id });
		const enrolment = await almostComplete(t.db, course, user.id);
		const last = course.modules.at(-1) as QuizModule;
		// Two submissions passing the last quiz at once (two tabs, or two app instances on PostgreSQL).
		const other = dialect === 'sqlite' ? t.db : t.openSecond();
		const results = await Promise.allSettled([
			t.db.transaction().execute((trx) => recordQuizResult(trx, enrolment, course, last, 90, true)),
			other.transaction().execute((trx) => recordQuizResult(trx, enrolment, course, last, 95, true))
		]);
		const completedBy = results.filter((r) => r.status === 'fulfilled' && r.value === true);
		expect(completedBy).toHaveLength(1);

		const certs = await t.db
			.selectFrom('certificates')
			.selectAll()
			.where('user_id', '=', user.id)
			.execute();
		expect(certs).toHaveLength(1);
		const cert = certs[0];
		expect(cert.code).toMatch(/^AULA-[2-9A-Z]{4}-[2-9A-Z]{4}$/);
		expect(cert.course_version).toBe(course.version);
		expect(cert.institution_name).toBe(inst.name);
		expect(cert.hours).toBe(course.hours);
		const e = (await getEnrolment(t.db, user.id, course.slug))!;
		expect(cert.completed_at).toBe(e.completed_at);
		expect(verifyPayload(cert.payload, cert.signature, getSigningKey().publicKey)).toBe(true);
		expect(JSON.parse(cert.payload)).toMatchObject({
			code: cert.code,
			name: user.full_name,
			hours: course.hours,
			course: course.slug,
			version: course.version
		});

		// A restart's backfill finds nothing to do.
		expect(await issueMissingCertificates(t.db, [course])).toBe(0);
		expect(await listCertificatesOfInstitution(t.db, inst.id)).toHaveLength(1);
	});

	it('backfills completions that have no certificate, once', async () => {
		const user = await newUser(t.db);
		const enrolment = await enrol(t.db, user.id, course, 'self');
		await t.db
			.updateTable('enrolments')
			.set({
				status: 'completed',
				completed_at: new Date().toISOString(),
				completed_version: course.version
			})
			.where('id', '=', enrolment.id)
			.execute();
		await rebuildReportRollup(t.db); // a completion from before the roll-up, counted by its migration
		expect(await issueMissingCertificates(t.db, [course])).toBe(1);
		expect(await issueMissingCertificates(t.db, [course])).toBe(0);
	});

	it('revokes once, with an audit entry', async () => {
		const admin = await newUser(t.db, { role: 'admin' });
		const user = await newUser(t.db);
		const enrolment = await almostComplete(t.db, course, user.id);
		await t.db
			.transaction()
			.execute((trx) =>
				recordQuizResult(trx, enrolment, course, course.modules.at(-1)!, 100, true)
			);
		const cert = await t.db
			.selectFrom('certificates')
			.select('code')
			.where('user_id', '=', user.id)
			.executeTakeFirstOrThrow();
		expect(await revokeCertificate(t.db, cert.code, 'Emitido por error', admin.id)).toBe('ok');
		expect(await revokeCertificate(t.db, cert.code, 'Otra vez', admin.id)).toBe('already-revoked');
		expect(await revokeCertificate(t.db, 'AULA-2222-2222', 'No existe', admin.id)).toBe(
			'not-found'
		);
		const revoked = await getCertificateByCode(t.db, cert.code);
		expect(revoked?.revoked_reason).toBe('Emitido por error');
		const audit = await t.db
			.selectFrom('audit_log')
			.selectAll()
			.where('action', '=', 'certificate.revoke')
			.execute();
		expect(audit.map((a) => a.target_id)).toContain(cert.code);
	});

	it('publishes revocations in a signed status list that every credential points to', async () => {
		const admin = await newUser(t.db, { role: 'admin' });
		const issue = async () => {
			const user = await newUser(t.db);
			const enrolment = await almostComplete(t.db, course, user.id);
			await t.db.transaction().execute((trx) => recordQuizResult(trx, enrolment, course, course.modules.at(-1)!, 100, true));
			return t.db.selectFrom('certificates').selectAll().where('user_id', '=', user.id).executeTakeFirstOrThrow();
		};
		const [kept, revoked] = [await issue(), await issue()];
		const key = getSigningKey();
		const origin = 'https://aula.example';
		const credential = (c: typeof kept) =>
			openBadgeCredential({ cert: c, origin, issuerName: 'Consejo', courseDescription: '', publicRaw: key.publicRaw, privateKey: key.privateKey });
		// Credentials handed out before the revocation: only the list can tell them apart.
		const [keptVc, revokedVc] = [credential(kept), credential(revoked)];
		const list = async () =>
			statusListCredential({ origin, ...(await revocationListFacts(t.db)), publicRaw: key.publicRaw, privateKey: key.privateKey });

		const before = await list();
		expect(verifyDataIntegrity(before, key.publicKey)).toBe(true);
		expect(statusFromList(revokedVc.credentialStatus, before)).toBe('valid');

		expect(await revokeCertificate(t.db, revoked.code, 'Emitido por error', admin.id, new Date(Date.now() + 1000))).toBe('ok');
		const after = await list();
		expect(verifyDataIntegrity(after, key.publicKey)).toBe(true);
		expect(after.validFrom > before.validFrom).toBe(true);
		expect(statusFromList(revokedVc.credentialStatus, after)).toBe('revoked');
		expect(statusFromList(keptVc.credentialStatus, after)).toBe('valid');
	});

	it('kept the monthly report roll-up in step with every change above', async () => {
		expect(await rollupDifferences(t.db)).toEqual([]);
	});
});
