/**
 * Requests to join a course outside one's audience: queued for the coordinator of the person's
 * institution (or an admin), who approves (the person is enrolled) or rejects. Decisions are audited
 * and mailed to the person.
 */
import type { Kysely } from 'kysely';
import { recordAudit } from '../audit';
import type { Course } from '../courses/types';
import type { DB, EnrolmentRequest } from '../db/schema';
import { t } from '../i18n';
import { sendMail } from '../mail';
import { enrol } from './repository';

/** Files a request (again, if an earlier one was rejected); returns its status. */
export async function requestEnrolment(db: Kysely<DB>, userId: number, courseSlug: string, now = new Date()): Promise<EnrolmentRequest> {
	await db
		.insertInto('enrolment_requests')
		.values({ user_id: userId, course_slug: courseSlug, status: 'pending', requested_at: now.toISOString(), decided_at: null, decided_by: null })
		.onConflict((oc) =>
			oc
				.columns(['user_id', 'course_slug'])
				.doUpdateSet({ status: 'pending', requested_at: now.toISOString(), decided_at: null, decided_by: null })
				.where('enrolment_requests.status', '=', 'rejected')
		)
		.execute();
	return db.selectFrom('enrolment_requests').selectAll().where('user_id', '=', userId).where('course_slug', '=', courseSlug).executeTakeFirstOrThrow();
}

export function requestOf(db: Kysely<DB>, userId: number, courseSlug: string) {
	return db.selectFrom('enrolment_requests').selectAll().where('user_id', '=', userId).where('course_slug', '=', courseSlug).executeTakeFirst();
}

/** Pending requests of people of these institutions ('all' for admins). */
export function listPendingRequests(db: Kysely<DB>, scope: number[] | 'all') {
	let q = db
		.selectFrom('enrolment_requests')
		.innerJoin('users', 'users.id', 'enrolment_requests.user_id')
		.select(['enrolment_requests.id', 'enrolment_requests.course_slug', 'enrolment_requests.requested_at', 'users.full_name', 'users.email', 'users.institution_id'])
		.where('enrolment_requests.status', '=', 'pending');
	if (scope !== 'all') {
		if (scope.length === 0) return Promise.resolve([]);
		q = q.where('users.institution_id', 'in', scope);
	}
	return q.orderBy('enrolment_requests.requested_at').execute();
}

export type DecideResult = 'ok' | 'not-found' | 'forbidden' | 'decided';

/**
 * Approves or rejects a pending request, if the person is of an institution in `scope`.
 * Approving enrols the person (source 'coordinator') in the same transaction.
 */
export async function decideRequest(
	db: Kysely<DB>,
	actorId: number,
	scope: number[] | 'all',
	requestId: number,
	approve: boolean,
	course: (slug: string) => Course | undefined,
	now = new Date()
): Promise<DecideResult> {
	const outcome = await db.transaction().execute(async (trx) => {
		const req = await trx
			.selectFrom('enrolment_requests')
			.innerJoin('users', 'users.id', 'enrolment_requests.user_id')
			.select(['enrolment_requests.id', 'enrolment_requests.user_id', 'enrolment_requests.course_slug', 'enrolment_requests.status', 'users.institution_id', 'users.email', 'users.full_name', 'users.locale'])
			.where('enrolment_requests.id', '=', requestId)
			.executeTakeFirst();
		if (!req) return { result: 'not-found' as const };
		if (scope !== 'all' && (req.institution_id === null || !scope.includes(req.institution_id))) return { result: 'forbidden' as const };
		const c = course(req.course_slug);
		if (!c) return { result: 'not-found' as const };
		const res = await trx
			.updateTable('enrolment_requests')
			.set({ status: approve ? 'approved' : 'rejected', decided_at: now.toISOString(), decided_by: actorId })
			.where('id', '=', req.id)
			.where('status', '=', 'pending')
			.executeTakeFirst();
		if (res.numUpdatedRows !== 1n) return { result: 'decided' as const };
		if (approve) await enrol(trx, req.user_id, c, 'coordinator', now);
		await recordAudit(
			trx,
			{ actorId, action: approve ? 'enrolment.request.approve' : 'enrolment.request.reject', targetType: 'user', targetId: req.user_id, details: { course: c.slug } },
			now
		);
		return { result: 'ok' as const, req, title: (req.locale === 'en' && c.titleEn) || c.title, institutionId: req.institution_id };
	});
	if (outcome.result === 'ok') {
		const { req, title } = outcome;
		await sendMail(db, {
			to: req.email,
			subject: t(approve ? 'mail_request_approved_subject' : 'mail_request_rejected_subject', { course: title }, req.locale),
			text: t(approve ? 'mail_request_approved_body' : 'mail_request_rejected_body', { name: req.full_name, course: title }, req.locale),
			sentBy: actorId,
			institutionId: outcome.institutionId
		});
	}
	return outcome.result;
}
