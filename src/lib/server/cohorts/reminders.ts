/** Reminder mails to the learners of a cohort who are behind its pace (see isBehind). */
import type { Kysely } from 'kysely';
import { recordAudit } from '../audit';
import type { Course } from '../courses/types';
import type { Cohort, DB } from '../db/schema';
import { t } from '../i18n';
import { sendMail } from '../mail';
import { listCohortLearners } from './repository';

/** Mails everyone behind; returns how many were sent. Audited. */
export async function sendReminders(
	db: Kysely<DB>,
	actorId: number,
	cohort: Cohort,
	course: Course,
	origin: string,
	now = new Date()
): Promise<number> {
	const behind = await listCohortLearners(db, cohort, course, { state: 'behind' }, now);
	if (behind.length === 0) return 0;
	const locales = new Map(
		(await db.selectFrom('users').select(['id', 'locale']).where('id', 'in', behind.map((l) => l.userId)).execute()).map((u) => [u.id, u.locale])
	);
	await db.transaction().execute((trx) =>
		recordAudit(trx, { actorId, action: 'cohort.remind', targetType: 'cohort', targetId: cohort.id, details: { learners: behind.length } }, now)
	);
	for (const l of behind) {
		const locale = locales.get(l.userId) ?? 'es';
		const title = (locale === 'en' && course.titleEn) || course.title;
		await sendMail(db, {
			to: l.email,
			subject: t('mail_reminder_subject', { course: title }, locale),
			text: t(
				'mail_reminder_body',
				{ name: l.fullName, course: title, cohort: cohort.name, deadline: cohort.deadline_on, percent: l.percent, link: `${origin}/cursos/${course.slug}` },
				locale
			),
			sentBy: actorId,
			institutionId: cohort.institution_id
		});
	}
	return behind.length;
}
