// SQLite statements are compiled with `+?` placeholders (connect.ts, SqliteStablePlanCompiler): the
// hot path's lookups must still use their indexes, and values must still compare as they did.
import { CompiledQuery, sql, type Kysely } from 'kysely';
import { describe, expect, it } from 'vitest';
import { createSession, validateSession } from '../../src/lib/server/auth/session';
import { findCourse } from '../../src/lib/server/courses/catalog';
import type { QuizModule } from '../../src/lib/server/courses/types';
import type { DB } from '../../src/lib/server/db/schema';
import { enrol, progressOf } from '../../src/lib/server/enrolment/repository';
import { startAttemptIn, submitAttempt } from '../../src/lib/server/quizzes/attempts';
import { newUser } from '../helpers/factories';
import { recording } from '../helpers/recording';
import { useTestDb } from '../helpers/test-db';

async function planOf(db: Kysely<DB>, query: CompiledQuery): Promise<string[]> {
	const rows = await db.executeQuery<{ detail: string }>(
		CompiledQuery.raw(`explain query plan ${query.sql}`, [...query.parameters])
	);
	return rows.rows.map((r) => r.detail);
}

describe('SQLite statements with stable plans', () => {
	const t = useTestDb('sqlite');
	const course = findCourse('ley-263-policia')!;
	const module = course.modules.find((m) => m.quiz) as QuizModule;

	it('writes every parameter as +?, never a bare ?', async () => {
		const { sql: text } = t.db
			.selectFrom('enrolments')
			.select('id')
			.where('course_slug', '=', 'x')
			.where('id', 'in', [1, 2])
			.limit(3)
			.compile();
		expect(text).toContain('"course_slug" = +?');
		expect(text).toContain('in (+?, +?)');
		expect(text).not.toMatch(/(^|[^+])\?/);
	});

	it('the session, progress and quiz lookups still search by index', async () => {
		const user = await newUser(t.db);
		const enrolment = await enrol(t.db, user.id, course, 'self');
		const { token } = await createSession(t.db, user.id);
		const rec = recording(t.db);
		const valid = await validateSession(rec.db, token, new Date(), { enrolmentIn: course.slug });
		expect(valid?.enrolment?.id).toBe(enrolment.id);
		await progressOf(rec.db, enrolment.id);
		const started = await startAttemptIn(rec.db, enrolment, module);
		if (!started.ok) throw new Error('not started');
		await submitAttempt(rec.db, started.attempt, enrolment, course, module, {});

		const selects = rec.queries.filter((q) => /^select/i.test(q.sql));
		expect(selects.length).toBeGreaterThanOrEqual(3);
		for (const query of selects) {
			const plan = await planOf(t.db, query);
			// A whole-table SCAN of a base table would grow with the number of learners.
			const scans = plan.filter(
				(d) => /^SCAN (?!CONSTANT)/.test(d) && !/USING (COVERING )?INDEX/.test(d)
			);
			expect(scans, `${query.sql}\n${plan.join('\n')}`).toEqual([]);
		}
		const session = selects.find((q) => /from "sessions"/.test(q.sql))!;
		expect(await planOf(t.db, session)).toEqual(
			expect.arrayContaining([expect.stringMatching(/^SEARCH s USING INDEX/)])
		);
	});

	it('compares values as a bare ? did: a text parameter still matches an integer column', async () => {
		const user = await newUser(t.db);
		const enrolment = await enrol(t.db, user.id, course, 'self');
		// better-sqlite3 binds a string; the column's integer affinity applies to +? as it did to ?.
		const row = await t.db
			.selectFrom('enrolments')
			.select('id')
			.where('id', '=', sql<number>`${String(enrolment.id)}`)
			.executeTakeFirst();
		expect(row?.id).toBe(enrolment.id);
		const none = await t.db
			.selectFrom('enrolments')
			.select('id')
			.where('course_slug', '=', sql<string>`${'LEY-263-POLICIA'}`)
			.where('user_id', '=', user.id)
			.execute();
		expect(none).toEqual([]);
	});
});
