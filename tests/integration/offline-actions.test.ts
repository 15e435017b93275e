import { describe, expect, it } from 'vitest';
import { findCourse } from '../../src/lib/server/courses/catalog';
import type { Course } from '../../src/lib/server/courses/types';
import { claimClientAction } from '../../src/lib/server/enrolment/client-actions';
import { enrol, getEnrolment, progressOf } from '../../src/lib/server/enrolment/repository';
import { markModuleReadOnce } from '../../src/lib/server/enrolment/completion';
import { newUser } from '../helpers/factories';
import { useTestDb, DIALECTS } from '../helpers/test-db';

describe.each(DIALECTS)('actions queued offline on %s', (dialect) => {
	const t = useTestDb(dialect);
	const course = findCourse('frontera')!;

	it('marks a module read once per client id: a replay changes nothing, not even the date', async () => {
		const user = await newUser(t.db);
		const enrolment = await enrol(t.db, user.id, course, 'self');
		const module = course.modules[0];
		const first = await markModuleReadOnce(
			t.db,
			enrolment,
			course,
			module,
			'c0ffee00-0000-4000-8000-000000000001',
			new Date('2026-03-01T10:00:00Z')
		);
		expect(first).toEqual({ replayed: false, completed: false });
		const again = await markModuleReadOnce(
			t.db,
			(await getEnrolment(t.db, user.id, course.slug))!,
			course,
			module,
			'c0ffee00-0000-4000-8000-000000000001',
			new Date('2026-03-02T10:00:00Z')
		);
		expect(again).toEqual({ replayed: true });
		const rows = await progressOf(t.db, enrolment.id);
		expect(rows.map((r) => [r.module_slug, r.read_at])).toEqual([
			[module.slug, '2026-03-01T10:00:00.000Z']
		]);
		const claimed = await t.db
			.selectFrom('client_actions')
			.selectAll()
			.where('user_id', '=', user.id)
			.execute();
		expect(claimed).toHaveLength(1);
		expect(claimed[0]).toMatchObject({ kind: 'module.read' });
	});

	it('keeps ids per learner: the same id from another learner is their own action', async () => {
		const [a, b] = [await newUser(t.db), await newUser(t.db)];
		expect(await claimClientAction(t.db, a.id, 'same-id-123', 'module.read')).toBe(true);
		expect(await claimClientAction(t.db, b.id, 'same-id-123', 'module.read')).toBe(true);
		expect(await claimClientAction(t.db, a.id, 'same-id-123', 'module.read')).toBe(false);
	});

	it('frees the id when the action fails, so the next replay does it', async () => {
		const user = await newUser(t.db);
		await expect(
			t.db.transaction().execute(async (trx) => {
				await claimClientAction(trx, user.id, 'failing-action-1', 'module.read');
				throw new Error('the action failed after claiming its id');
			})
		).rejects.toThrow('the action failed');
		expect(await claimClientAction(t.db, user.id, 'failing-action-1', 'module.read')).toBe(true);
	});
});
