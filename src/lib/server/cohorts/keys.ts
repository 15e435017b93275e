/**
 * Enrolment keys of a cohort: a code learners type at /inscribirme, or follow as a link
 * (/inscribirme/<code>), with an optional expiry and usage limit. Only people of the cohort's
 * institution may use one. Uses are counted with a conditional update, so a limit holds under races.
 */
import { randomInt } from 'node:crypto';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { recordAudit } from '../audit';
import { fields } from '../forms';
import { CODE_ALPHABET } from '../certificates/code';
import type { Course } from '../courses/types';
import type { Cohort, CohortKey, DB, Enrolment } from '../db/schema';
import { getEnrolment, newEnrolment } from '../enrolment/repository';
import { trackReportFacts } from '../reports/rollup';

export const KeyForm = z.object({
	expiresOn: fields.optionalDate,
	maxUses: z
		.string()
		.optional()
		.transform((v) => (v ? Number(v) : null))
		.refine(
			(v) => v === null || (Number.isInteger(v) && v > 0 && v <= 100_000),
			'key_error_max_uses'
		)
});
export type KeyForm = z.infer<typeof KeyForm>;

/** A new key such as `7K3M-Q9XD` (31^8 possibilities; no 0/O, 1/I/L). */
export function newKeyCode(): string {
	const group = () =>
		Array.from({ length: 4 }, () => CODE_ALPHABET[randomInt(CODE_ALPHABET.length)]).join('');
	return `${group()}-${group()}`;
}

/** What a person typed (any case, spaces or dashes) as a key code; null if it cannot be one. */
export function normaliseKeyCode(input: string): string | null {
	const s = input.toUpperCase().replace(/[^A-Z0-9]/g, '');
	return new RegExp(`^[${CODE_ALPHABET}]{8}$`).test(s) ? `${s.slice(0, 4)}-${s.slice(4)}` : null;
}

export async function createKey(
	db: Kysely<DB>,
	actorId: number,
	cohort: Cohort,
	f: KeyForm,
	now = new Date()
): Promise<CohortKey> {
	return db.transaction().execute(async (trx) => {
		const key = await trx
			.insertInto('cohort_keys')
			.values({
				cohort_id: cohort.id,
				code: newKeyCode(),
				// The key works through the whole expiry day (in UTC).
				expires_at: f.expiresOn ? `${f.expiresOn}T23:59:59.999Z` : null,
				max_uses: f.maxUses,
				created_at: now.toISOString(),
				created_by: actorId,
				revoked_at: null
			})
			.returningAll()
			.executeTakeFirstOrThrow();
		await recordAudit(
			trx,
			{
				actorId,
				action: 'cohort.key.create',
				targetType: 'cohort',
				targetId: cohort.id,
				details: { code: key.code, ...f }
			},
			now
		);
		return key;
	});
}

export function listKeys(db: Kysely<DB>, cohortId: number) {
	return db
		.selectFrom('cohort_keys')
		.selectAll()
		.where('cohort_id', '=', cohortId)
		.orderBy('id', 'desc')
		.execute();
}

export async function revokeKey(
	db: Kysely<DB>,
	actorId: number,
	cohort: Cohort,
	keyId: number,
	now = new Date()
) {
	return db.transaction().execute(async (trx) => {
		const res = await trx
			.updateTable('cohort_keys')
			.set({ revoked_at: now.toISOString() })
			.where('id', '=', keyId)
			.where('cohort_id', '=', cohort.id)
			.where('revoked_at', 'is', null)
			.executeTakeFirst();
		if (res.numUpdatedRows !== 1n) return false;
		await recordAudit(
			trx,
			{
				actorId,
				action: 'cohort.key.revoke',
				targetType: 'cohort',
				targetId: cohort.id,
				details: { keyId }
			},
			now
		);
		return true;
	});
}

export type KeyProblem =
	'unknown' | 'expired' | 'exhausted' | 'other-institution' | 'enrolled-elsewhere';

/** The key and its cohort, when it can be used now (for the page that shows what it enrols in). */
export async function findUsableKey(
	db: Kysely<DB>,
	input: string,
	now = new Date()
): Promise<{ ok: true; key: CohortKey; cohort: Cohort } | { ok: false; problem: KeyProblem }> {
	const code = normaliseKeyCode(input);
	if (!code) return { ok: false, problem: 'unknown' };
	const key = await db
		.selectFrom('cohort_keys')
		.selectAll()
		.where('code', '=', code)
		.executeTakeFirst();
	if (!key || key.revoked_at) return { ok: false, problem: 'unknown' };
	if (key.expires_at && key.expires_at < now.toISOString())
		return { ok: false, problem: 'expired' };
	if (key.max_uses !== null && key.uses >= key.max_uses) return { ok: false, problem: 'exhausted' };
	const cohort = await db
		.selectFrom('cohorts')
		.selectAll()
		.where('id', '=', key.cohort_id)
		.executeTakeFirstOrThrow();
	return { ok: true, key, cohort };
}

/**
 * Enrols a person in a key's cohort. A person already in the cohort is returned as is (no use
 * counted); one enrolled in the course on their own joins the cohort.
 */
export async function redeemKey(
	db: Kysely<DB>,
	user: { id: number; institutionId: number | null },
	input: string,
	course: (slug: string) => Course | undefined,
	now = new Date()
): Promise<
	{ ok: true; enrolment: Enrolment; cohort: Cohort } | { ok: false; problem: KeyProblem }
> {
	return db.transaction().execute(async (trx) => {
		const found = await findUsableKey(trx, input, now);
		if (!found.ok) return found;
		const { key, cohort } = found;
		if (user.institutionId !== cohort.institution_id)
			return { ok: false as const, problem: 'other-institution' as const };
		const c = course(cohort.course_slug);
		if (!c) return { ok: false as const, problem: 'unknown' as const };
		const existing = await getEnrolment(trx, user.id, c.slug);
		if (existing && existing.cohort_id === cohort.id && existing.status !== 'withdrawn')
			return { ok: true as const, enrolment: existing, cohort };
		if (existing && (existing.cohort_id !== null || existing.status === 'withdrawn'))
			return { ok: false as const, problem: 'enrolled-elsewhere' as const };
		const used = await trx
			.updateTable('cohort_keys')
			.set((eb) => ({ uses: eb('uses', '+', 1) }))
			.where('id', '=', key.id)
			.where((eb) => eb.or([eb('max_uses', 'is', null), eb('uses', '<', eb.ref('max_uses'))]))
			.executeTakeFirst();
		if (used.numUpdatedRows !== 1n) return { ok: false as const, problem: 'exhausted' as const };
		const iso = now.toISOString();
		await trackReportFacts(trx, [user.id], async (trx) => {
			if (existing) {
				await trx
					.updateTable('enrolments')
					.set({ cohort_id: cohort.id })
					.where('id', '=', existing.id)
					.execute();
			} else {
				await trx
					.insertInto('enrolments')
					.values(newEnrolment(user.id, c, 'key', iso, cohort.id))
					.execute();
			}
		});
		return { ok: true as const, enrolment: (await getEnrolment(trx, user.id, c.slug))!, cohort };
	});
}
