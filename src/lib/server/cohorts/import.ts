/**
 * Bulk enrolment of a CSV into a cohort: preview (plan, nothing written), then the import in one
 * transaction — new accounts (verified, no password), enrolments and invitation tokens — and the
 * mails after it commits. Re-importing a file finds everyone already in the cohort and does nothing.
 * Queries are batched (a few round trips per 500 rows), so 10,000 rows import in seconds.
 */
import type { Kysely } from 'kysely';
import { recordAudit } from '../audit';
import { issueTokens } from '../auth/tokens';
import type { Course } from '../courses/types';
import { chunks } from '../db/chunks';
import { orOnDuplicate } from '../db/errors';
import type { Cohort, DB } from '../db/schema';
import { newEnrolment } from '../enrolment/repository';
import { trackReportFacts } from '../reports/rollup';
import { t } from '../i18n';
import { stripControlChars } from '../input/text';
import { sendMail } from '../mail';
import { parseCsv } from './csv';
import {
	dataRows,
	emailsOf,
	planImport,
	summarise,
	unitKey,
	type PlanContext,
	type PlannedRow
} from './import-plan';

/** More rows than this are refused: split the file. */
export const MAX_IMPORT_ROWS = 10_000;

async function planContext(db: Kysely<DB>, cohort: Cohort, emails: string[]): Promise<PlanContext> {
	const units = await db
		.selectFrom('units')
		.select(['id', 'name'])
		.where('institution_id', '=', cohort.institution_id)
		.execute();
	const people: PlanContext['people'] = new Map();
	const enrolments: PlanContext['enrolments'] = new Map();
	for (const part of chunks(emails)) {
		const found = await db
			.selectFrom('users')
			.select(['id', 'email', 'institution_id'])
			.where('email', 'in', part)
			.execute();
		for (const p of found) people.set(p.email, { id: p.id, institutionId: p.institution_id });
		if (!found.length) continue;
		const enrolled = await db
			.selectFrom('enrolments')
			.select(['user_id', 'cohort_id', 'status'])
			.where('course_slug', '=', cohort.course_slug)
			.where(
				'user_id',
				'in',
				found.map((p) => p.id)
			)
			.execute();
		for (const e of enrolled)
			enrolments.set(e.user_id, { cohortId: e.cohort_id, status: e.status });
	}
	return {
		institutionId: cohort.institution_id,
		cohortId: cohort.id,
		units: new Map(units.map((u) => [unitKey(u.name), u.id])),
		people,
		enrolments
	};
}

export type ImportPreview =
	| { ok: true; rows: PlannedRow[]; summary: ReturnType<typeof summarise> }
	| { ok: false; reason: 'empty' | 'too-many' };

/** What importing `text` into the cohort would do, row by row. Writes nothing. */
export async function previewImport(
	db: Kysely<DB>,
	cohort: Cohort,
	text: string
): Promise<ImportPreview> {
	const rows = dataRows(parseCsv(stripControlChars(text)));
	if (rows.length === 0) return { ok: false, reason: 'empty' };
	if (rows.length > MAX_IMPORT_ROWS) return { ok: false, reason: 'too-many' };
	const plan = planImport(rows, await planContext(db, cohort, emailsOf(rows)));
	return { ok: true, rows: plan, summary: summarise(plan) };
}

type Invitation = { userId: number; email: string; fullName: string; token: string | null };

/**
 * Writes a plan's 'create' and 'enrol' rows in one transaction (any failure writes nothing) and
 * returns who to mail. Rows classified otherwise are skipped.
 */
export function applyImport(
	db: Kysely<DB>,
	actorId: number,
	cohort: Cohort,
	course: Course,
	plan: PlannedRow[],
	now = new Date()
): Promise<Invitation[]> {
	return db.transaction().execute((trx) => writePlan(trx, actorId, cohort, course, plan, now));
}

/** applyImport's writes; call inside a transaction. */
async function writePlan(
	trx: Kysely<DB>,
	actorId: number,
	cohort: Cohort,
	course: Course,
	plan: PlannedRow[],
	now: Date
): Promise<Invitation[]> {
	const iso = now.toISOString();
	const toCreate = plan.filter((r) => r.action === 'create');
	const toEnrol = plan.filter((r) => r.action === 'enrol');
	const institution = await trx
		.selectFrom('institutions')
		.select('country')
		.where('id', '=', cohort.institution_id)
		.executeTakeFirstOrThrow();
	const created: { id: number; email: string; full_name: string }[] = [];
	for (const part of chunks(toCreate)) {
		const rows = await trx
			.insertInto('users')
			.values(
				part.map((r) => ({
					email: r.email,
					full_name: r.fullName,
					password_hash: null,
					country: institution.country,
					institution_id: cohort.institution_id,
					unit_id: r.unitId,
					job_title: null,
					locale: 'es' as const,
					// The coordinator vouches for the address; the invitation link proves it again.
					email_verified_at: iso,
					created_at: iso,
					updated_at: iso
				}))
			)
			.returning(['id', 'email', 'full_name'])
			.execute();
		created.push(...rows);
	}
	const existing = toEnrol.map((r) => ({ id: r.userId!, email: r.email, full_name: r.fullName }));
	const everyone = [...created, ...existing];
	await trackReportFacts(
		trx,
		everyone.map((u) => u.id),
		async (trx) => {
			for (const part of chunks(everyone)) {
				await trx
					.insertInto('enrolments')
					.values(part.map((u) => newEnrolment(u.id, course, 'csv', iso, cohort.id)))
					.onConflict((oc) => oc.columns(['user_id', 'course_slug']).doNothing())
					.execute();
			}
		}
	);
	// Existing accounts that never set a password (invited before) get a fresh invitation too.
	const passwordless = new Set<number>();
	for (const part of chunks(existing.map((u) => u.id))) {
		const rows = await trx
			.selectFrom('users')
			.select('id')
			.where('id', 'in', part)
			.where('password_hash', 'is', null)
			.execute();
		for (const r of rows) passwordless.add(r.id);
	}
	const tokens = await issueTokens(
		trx,
		[...created.map((u) => u.id), ...passwordless],
		'invite',
		now
	);
	if (everyone.length) {
		await recordAudit(
			trx,
			{
				actorId,
				action: 'cohort.import',
				targetType: 'cohort',
				targetId: cohort.id,
				details: {
					created: created.length,
					enrolled: existing.length,
					skipped: plan.length - everyone.length
				}
			},
			now
		);
	}
	return everyone.map((u) => ({
		userId: u.id,
		email: u.email,
		fullName: u.full_name,
		token: tokens.get(u.id) ?? null
	}));
}

/** Mails each imported person: an invitation link to set a password, or a notice of the enrolment. */
export async function mailInvitations(
	db: Kysely<DB>,
	actorId: number,
	cohort: Cohort,
	course: Course,
	invitations: Invitation[],
	origin: string
): Promise<void> {
	// New accounts are Spanish until their owner changes it; the Spanish title is the course's own.
	const title = course.title;
	for (const inv of invitations) {
		const params = {
			name: inv.fullName,
			course: title,
			cohort: cohort.name,
			deadline: cohort.deadline_on
		};
		await sendMail(db, {
			to: inv.email,
			subject: t(
				inv.token ? 'mail_invite_subject' : 'mail_enrolled_subject',
				{ course: title },
				'es'
			),
			text: inv.token
				? t('mail_invite_body', { ...params, link: `${origin}/invitacion/${inv.token}` }, 'es')
				: t('mail_enrolled_body', { ...params, link: `${origin}/cursos/${course.slug}` }, 'es'),
			sentBy: actorId,
			institutionId: cohort.institution_id
		});
	}
}

export type ImportResult =
	| { ok: true; created: number; enrolled: number; unchanged: number; errors: number }
	| { ok: false; reason: 'empty' | 'too-many' | 'conflict' };

/** Preview and import in one go, then the mails: what the confirm button does. */
export async function runImport(
	db: Kysely<DB>,
	actorId: number,
	cohort: Cohort,
	course: Course,
	text: string,
	origin: string,
	now = new Date()
): Promise<ImportResult> {
	// Planned and written in one transaction: nobody can be enrolled in between by another request.
	const attempt = () =>
		db.transaction().execute(async (trx) => {
			const preview = await previewImport(trx, cohort, text);
			if (!preview.ok) return { preview, invitations: [] };
			return {
				preview,
				invitations: await writePlan(trx, actorId, cohort, course, preview.rows, now)
			};
		});
	// A parallel import (or registration) may create the same person or enrolment first; planning
	// again sees what it wrote. Twice in a row means the cohort is busy: say so instead of a 500.
	const outcome = await orOnDuplicate(attempt, null).then((o) => o ?? orOnDuplicate(attempt, null));
	if (!outcome) return { ok: false, reason: 'conflict' };
	const { preview, invitations } = outcome;
	if (!preview.ok) return preview;
	await mailInvitations(db, actorId, cohort, course, invitations, origin);
	const s = preview.summary;
	return {
		ok: true,
		created: s.create,
		enrolled: s.enrol,
		unchanged: s.unchanged,
		errors: s.error
	};
}

const DRAFT_TTL_MS = 24 * 60 * 60 * 1000;

/**
 * Keeps an uploaded file between its preview and the confirmation, so the confirmation posts an
 * id instead of the whole file again. Drafts older than a day are deleted on the way.
 */
export async function saveDraft(
	db: Kysely<DB>,
	cohort: Cohort,
	userId: number,
	text: string,
	now = new Date()
): Promise<number> {
	await db
		.deleteFrom('cohort_import_drafts')
		.where('created_at', '<', new Date(now.getTime() - DRAFT_TTL_MS).toISOString())
		.execute();
	const row = await db
		.insertInto('cohort_import_drafts')
		// PostgreSQL cannot store a NUL byte, and no CSV cell needs a control character.
		.values({
			cohort_id: cohort.id,
			created_by: userId,
			body: stripControlChars(text),
			created_at: now.toISOString()
		})
		.returning('id')
		.executeTakeFirstOrThrow();
	return row.id;
}

/** The text of a draft of this cohort saved by this user (and not expired), or null. */
export async function takeDraft(
	db: Kysely<DB>,
	cohort: Cohort,
	userId: number,
	draftId: number,
	now = new Date()
): Promise<string | null> {
	const row = await db
		.selectFrom('cohort_import_drafts')
		.select('body')
		.where('id', '=', draftId)
		.where('cohort_id', '=', cohort.id)
		.where('created_by', '=', userId)
		.where('created_at', '>=', new Date(now.getTime() - DRAFT_TTL_MS).toISOString())
		.executeTakeFirst();
	return row?.body ?? null;
}

export async function deleteDraft(db: Kysely<DB>, draftId: number) {
	await db.deleteFrom('cohort_import_drafts').where('id', '=', draftId).execute();
}
