/**
 * Anonymous reach of the open courses, for the Council: per UTC day, course and poster place,
 * how many visits started a course and how many finished it. Only counters are written — no
 * cookie, no address, no person — and each event is one upsert, safe when requests race.
 *
 * - A start is the course page's "Empezar" link followed (`?inicio=1`, see routes/abierto).
 * - A completion is a passed quiz of the course's last module that has a quiz.
 */
import { sql, type Kysely } from 'kysely';
import type { DB } from '../db/schema';

export type ReachEvent = 'starts' | 'completions';

/** Adds one to today's count of `event` for the course and place ('' when the visit has none). */
export async function countReach(
	db: Kysely<DB>,
	event: ReachEvent,
	courseSlug: string,
	place: string | null,
	now = new Date()
): Promise<void> {
	const row = {
		day: now.toISOString().slice(0, 10),
		course_slug: courseSlug,
		place: place ?? '',
		starts: event === 'starts' ? 1 : 0,
		completions: event === 'completions' ? 1 : 0
	};
	await db
		.insertInto('public_reach')
		.values(row)
		.onConflict((oc) =>
			oc
				.columns(['day', 'course_slug', 'place'])
				.doUpdateSet(
					event === 'starts'
						? { starts: sql<number>`public_reach.starts + 1` }
						: { completions: sql<number>`public_reach.completions + 1` }
				)
		)
		.execute();
}

export type ReachRow = { courseSlug: string; place: string; starts: number; completions: number };

/** Totals per course and place over the days `from`..`to` (YYYY-MM-DD, inclusive), most starts first. */
export async function reachByPlace(
	db: Kysely<DB>,
	period: { from: string; to: string }
): Promise<ReachRow[]> {
	const rows = await db
		.selectFrom('public_reach')
		.select((eb) => [
			'course_slug',
			'place',
			eb.fn.sum<number | string>('starts').as('starts'),
			eb.fn.sum<number | string>('completions').as('completions')
		])
		.where('day', '>=', period.from)
		.where('day', '<=', period.to)
		.groupBy(['course_slug', 'place'])
		.execute();
	return rows
		.map((r) => ({
			courseSlug: r.course_slug,
			place: r.place,
			starts: Number(r.starts),
			completions: Number(r.completions)
		}))
		.sort(
			(a, b) =>
				b.starts - a.starts ||
				a.courseSlug.localeCompare(b.courseSlug) ||
				a.place.localeCompare(b.place)
		);
}

/** The raw daily rows (for the CSV export), oldest first. */
export function reachByDay(db: Kysely<DB>, period: { from: string; to: string }) {
	return db
		.selectFrom('public_reach')
		.select(['day', 'course_slug', 'place', 'starts', 'completions'])
		.where('day', '>=', period.from)
		.where('day', '<=', period.to)
		.orderBy('day')
		.orderBy('course_slug')
		.orderBy('place')
		.execute();
}
