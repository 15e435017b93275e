/**
 * The SQL of the report and roll-up queries, as each dialect runs it, checked in beside this test
 * (in the spirit of Kysely's own `testSql` and immich's `server/src/queries/*.sql`): a change to
 * the two-dialect report maths shows up in review as a diff of `__snapshots__/report-sql.*.sql`.
 * Run `npx vitest run tests/integration/report-sql.test.ts -u` (with TEST_DATABASE_URL set for
 * PostgreSQL) after a deliberate change, and read the diff.
 */
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DB } from '../../src/lib/server/db/schema';
import {
	enrolmentExportRows,
	institutionPeople
} from '../../src/lib/server/reports/enrolment-rows';
import { personFacts } from '../../src/lib/server/reports/person-facts';
import {
	councilReport,
	institutionReport,
	reportOptions
} from '../../src/lib/server/reports/query';
import {
	compareReportRollup,
	rebuildReportRollup,
	trackReportFacts
} from '../../src/lib/server/reports/rollup';
import {
	certificateAt,
	courseVersion,
	enrolmentAt,
	reportInstitution,
	reportLearner,
	reportUnit
} from '../helpers/report-fixtures';
import { recording } from '../helpers/recording';
import { createTestDb, DIALECTS, type TestDb } from '../helpers/test-db';

// A period that starts and ends inside months, so both the roll-up and the day windows are read.
const PERIOD = {
	from: '2026-02-10',
	to: '2026-05-20',
	country: 'all',
	course: null,
	department: null
} as const;
const NOW = new Date('2026-06-01T12:00:00Z');

describe.each(DIALECTS)('report SQL on %s', (dialect) => {
	let t: TestDb;
	let institution: { id: number; name: string; country: 'BO' };
	let learnerId: number;
	const sections: string[] = [];

	beforeAll(async () => {
		t = await createTestDb(dialect);
		const inst = await reportInstitution(t.db, 'Policía de prueba', 'BO', 'La Paz');
		institution = { id: inst.id, name: 'Policía de prueba', country: 'BO' };
		const unit = await reportUnit(t.db, inst.id, 'Unidad de prueba', 'La Paz');
		const learner = await reportLearner(t.db, 'Ana Prueba', 'BO', inst.id, unit.id);
		learnerId = learner.id;
		await courseVersion(t.db, 'frontera', 'v1', 'Curso de frontera', 40, '2026-01-01T00:00:00Z');
		const e = await enrolmentAt(t.db, {
			userId: learner.id,
			course: 'frontera',
			version: 'v1',
			status: 'completed',
			enrolledAt: '2026-02-01T10:00:00Z',
			lastActivityAt: '2026-03-15T10:00:00Z',
			completedAt: '2026-03-15T10:00:00Z',
			completedVersion: 'v1',
			finalScore: 90
		});
		await certificateAt(t.db, e, '2026-03-15T10:00:00Z');
		await rebuildReportRollup(t.db);
	});
	afterAll(() => t.destroy());

	/** Runs `work` on a recording view and files its distinct statements, sorted, under `name`. */
	async function record(name: string, work: (db: Kysely<DB>) => Promise<unknown>) {
		const rec = recording(t.db);
		await work(rec.db);
		const seen = new Set(rec.statements);
		expect(seen.size).toBeGreaterThan(0);
		sections.push(`-- ${name}\n${[...seen].sort().join(';\n')};\n`);
	}

	it('council and institution reports', async () => {
		await record('councilReport', async (db) => {
			const r = await councilReport(db, PERIOD, NOW);
			expect(r.total.completed).toBe(1);
		});
		await record('institutionReport', (db) => institutionReport(db, institution, PERIOD, NOW));
		await record('reportOptions', (db) => reportOptions(db));
	});

	it('per-enrolment export and the institution people list', async () => {
		await record('enrolmentExportRows', async (db) => {
			for await (const page of enrolmentExportRows(db, PERIOD)) expect(page).toHaveLength(1);
		});
		await record('institutionPeople', (db) =>
			institutionPeople(db, institution.id, PERIOD, { limit: 50, offset: 0 })
		);
	});

	it('roll-up upkeep, rebuild and check', async () => {
		await record('personFacts', (db) => personFacts(db, [learnerId]));
		await record('trackReportFacts', (db) =>
			trackReportFacts(db, [learnerId], (trx) =>
				trx
					.updateTable('enrolments')
					.set({ last_activity_at: '2026-04-02T10:00:00Z' })
					.where('user_id', '=', learnerId)
					.execute()
			)
		);
		await record('rebuildReportRollup', (db) => rebuildReportRollup(db));
		await record('compareReportRollup', async (db) => {
			expect(await compareReportRollup(db)).toEqual([]);
		});
	});

	// Last: the statements the three tests above recorded, against the checked-in file.
	it('is the SQL checked in for review', async () => {
		expect(sections).toHaveLength(9);
		await expect(sections.join('\n')).toMatchFileSnapshot(
			`__snapshots__/report-sql.${dialect}.sql`
		);
	});
});
