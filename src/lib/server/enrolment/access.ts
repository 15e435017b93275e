/** Which courses a person may see and enrol in by themselves. */
import type { Kysely } from 'kysely';
import type { AuthUser } from '../auth/roles';
import { hasAnyRole } from '../auth/roles';
import { isInAudience } from '../courses/catalog';
import type { Course } from '../courses/types';
import type { DB, Enrolment } from '../db/schema';

export async function sectorOf(db: Kysely<DB>, user: AuthUser): Promise<string | null> {
	if (user.institutionId === null) return null;
	const row = await db.selectFrom('institutions').select('sector').where('id', '=', user.institutionId).executeTakeFirst();
	return row?.sector ?? null;
}

/** Staff who author, review or report on courses see all of them. */
export const seesAllCourses = (user: AuthUser) => hasAnyRole(user, ['admin', 'trainer', 'council']);

export type EnrolCheck =
	| { ok: true }
	| { ok: false; reason: 'audience' | 'not-open' | 'prerequisites'; missing?: string[] };

export function canSelfEnrol(
	course: Course,
	user: AuthUser,
	sector: string | null,
	enrolments: Pick<Enrolment, 'course_slug' | 'completed_at'>[]
): EnrolCheck {
	if (!isInAudience(course, sector) && !hasAnyRole(user, ['admin', 'trainer'])) return { ok: false, reason: 'audience' };
	if (course.enrolment !== 'open') return { ok: false, reason: 'not-open' };
	const completed = new Set(enrolments.filter((e) => e.completed_at).map((e) => e.course_slug));
	const missing = course.prerequisites.filter((p) => !completed.has(p));
	if (missing.length) return { ok: false, reason: 'prerequisites', missing };
	return { ok: true };
}
