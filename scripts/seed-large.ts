/**
 * npm run seed:large — a realistic large data set on DATABASE_URL (SQLite or PostgreSQL) for the
 * reports and their benchmark: 100,000 learners across the seeded institutions and units, 300,000
 * enrolments (each learner in each of the three courses), 1,000,000 quiz attempts, and the
 * completions and certificates that follow from them, over two years (Nov 2024 – Oct 2026).
 * Deterministic (seeded PRNG), batched multi-row inserts inside transactions, then the monthly
 * report roll-up built from what was inserted. Run it on an empty
 * database: it refuses to run twice. Demo accounts are added first (outside production), so the
 * data can be looked at as consejo@aula.demo.
 *
 *   DATABASE_URL=file:data/large.db npm run seed:large
 */
import { sql, type Insertable, type Kysely } from 'kysely';
import { getConfig } from '../src/lib/server/config.ts';
import { loadCourses } from '../src/lib/server/courses/load.ts';
import { readCourseFiles } from '../src/lib/server/courses/read-files.ts';
import { chunks } from '../src/lib/server/db/chunks.ts';
import { dialectOf } from '../src/lib/server/db/connect.ts';
import type { DB } from '../src/lib/server/db/schema.ts';
import { syncCourseVersions } from '../src/lib/server/enrolment/repository.ts';
import { seedInstitutions } from '../src/lib/server/institutions/repository.ts';
import { rebuildReportRollup } from '../src/lib/server/reports/rollup.ts';
import { seedDemoAccounts } from '../src/lib/server/seed/demo.ts';
import { migrate, openDatabase } from './db.ts';
import { Progress } from './progress.ts';
import {
	ATTEMPTS,
	LEARNERS,
	VERSION_SWITCH,
	START,
	END,
	attemptsOf,
	enrolmentPlan,
	finalScore,
	hoursAt,
	institutionWeight,
	iso,
	learner,
	rngFor,
	share,
	type SeedCourse,
	type SeedInstitution
} from './seed-large-data.ts';

/** Learners handled per transaction (with their enrolments, attempts and certificates). */
const CHUNK = 2000;

type Row<T extends keyof DB> = Insertable<DB[T]>;

async function insertAll<T extends keyof DB & string>(db: Kysely<DB>, table: T, rows: Row<T>[]) {
	for (const part of chunks(rows)) {
		// eslint-disable-next-line @typescript-eslint/no-explicit-any -- Kysely cannot type values() for a generic table
		await db
			.insertInto(table)
			.values(part as any)
			.execute();
	}
}

async function institutionsWithUnits(db: Kysely<DB>): Promise<SeedInstitution[]> {
	const [institutions, units] = await Promise.all([
		db
			.selectFrom('institutions')
			.select(['id', 'name', 'country', 'sector'])
			.orderBy('id')
			.execute(),
		db.selectFrom('units').select(['id', 'institution_id']).orderBy('id').execute()
	]);
	return institutions.map((i) => ({
		...i,
		unitIds: units.filter((u) => u.institution_id === i.id).map((u) => u.id)
	}));
}

function seedCourses(): SeedCourse[] {
	const { courses } = loadCourses(readCourseFiles('content/courses'));
	return courses.map((c) => ({
		slug: c.slug,
		title: c.title,
		audience: c.audience as string[],
		quizModules: c.modules.filter((m) => m.quiz).map((m) => m.slug),
		// The earlier edition: same title; the police course was an hour shorter.
		versions: { old: `0${c.version.slice(1, 11)}0`, current: c.version },
		hours: { old: c.slug === 'ley-263-policia' ? c.hours - 1 : c.hours, current: c.hours }
	}));
}

async function main() {
	const db = openDatabase();
	const started = performance.now();
	try {
		await migrate(db);
		await seedInstitutions(db);
		if (getConfig().seedDemo) await seedDemoAccounts(db);
		const already = await db
			.selectFrom('users')
			.select('id')
			.where('email', 'like', '%@seed.aula.test')
			.limit(1)
			.executeTakeFirst();
		if (already)
			throw new Error('This database already has the large data set; use an empty database.');

		const courses = seedCourses();
		await db
			.insertInto('course_versions')
			.values(
				courses.map((c) => ({
					course_slug: c.slug,
					version: c.versions.old,
					title: c.title,
					hours: c.hours.old,
					modules: c.quizModules.length,
					first_seen_at: iso(START)
				}))
			)
			.onConflict((oc) => oc.doNothing())
			.execute();
		const { courses: loaded } = loadCourses(readCourseFiles('content/courses'));
		await syncCourseVersions(db, loaded, new Date(VERSION_SWITCH));

		const institutions = await institutionsWithUnits(db);
		const cumulative: number[] = [];
		institutions.reduce(
			(sum, i) => (cumulative.push(sum + institutionWeight(i)), sum + institutionWeight(i)),
			0
		);
		const sectorOf = new Map(institutions.map((i) => [i.id, i.sector]));
		const nameOf = new Map(institutions.map((i) => [i.id, i.name]));

		// Pass 1: how many attempts the completions need; the rest of the million are failed tries.
		let required = 0;
		for (let n = 0; n < LEARNERS; n++) {
			const l = learner(n, institutions, cumulative);
			courses.forEach(
				(c, ci) =>
					(required += enrolmentPlan(n, ci, l, sectorOf.get(l.institutionId)!, c).passPercents
						.length)
			);
		}
		const extras = ATTEMPTS - required;
		if (extras < 0) throw new Error(`completions need ${required} attempts, more than ${ATTEMPTS}`);

		const progress = new Progress('seed:large', LEARNERS);
		const totals = { users: 0, enrolments: 0, attempts: 0, completions: 0, certificates: 0 };
		for (let from = 0; from < LEARNERS; from += CHUNK) {
			const to = Math.min(LEARNERS, from + CHUNK);
			await db.transaction().execute(async (trx) => {
				const people = Array.from({ length: to - from }, (_, k) =>
					learner(from + k, institutions, cumulative)
				);
				const ids = new Map<string, number>();
				for (const part of chunks(people)) {
					const rows = await trx
						.insertInto('users')
						.values(
							part.map((l) => ({
								email: l.email,
								full_name: l.fullName,
								password_hash: null,
								country: l.country,
								institution_id: l.institutionId,
								unit_id: l.unitId,
								job_title: null,
								locale: 'es' as const,
								email_verified_at: iso(l.createdAt),
								created_at: iso(l.createdAt),
								updated_at: iso(l.createdAt)
							}))
						)
						.returning(['id', 'email'])
						.execute();
					for (const r of rows) ids.set(r.email, r.id);
				}

				const plans = people.flatMap((l, k) =>
					courses.map((c, ci) => ({
						n: from + k,
						l,
						c,
						userId: ids.get(l.email)!,
						plan: enrolmentPlan(from + k, ci, l, sectorOf.get(l.institutionId)!, c)
					}))
				);
				const enrolmentIds = new Map<string, number>();
				for (const part of chunks(plans)) {
					const rows = await trx
						.insertInto('enrolments')
						.values(
							part.map(({ userId, c, plan }) => ({
								user_id: userId,
								course_slug: c.slug,
								course_version: plan.version,
								status: plan.status,
								source: 'self' as const,
								enrolled_at: iso(plan.enrolledAt),
								last_module: null,
								last_activity_at: iso(plan.lastActivityAt),
								completed_at: plan.completedAt === null ? null : iso(plan.completedAt),
								completed_version: plan.completedVersion,
								final_score: finalScore(plan)
							}))
						)
						.returning(['id', 'user_id', 'course_slug'])
						.execute();
					for (const r of rows) enrolmentIds.set(`${r.user_id}:${r.course_slug}`, r.id);
				}

				const attempts: Row<'quiz_attempts'>[] = [];
				const certificates: Row<'certificates'>[] = [];
				for (const { n, l, c, userId, plan } of plans) {
					const enrolmentId = enrolmentIds.get(`${userId}:${c.slug}`)!;
					for (const a of attemptsOf(
						n,
						plan,
						c,
						share(n * courses.length + plan.courseIndex, extras, LEARNERS * courses.length)
					)) {
						attempts.push({
							enrolment_id: enrolmentId,
							user_id: userId,
							course_slug: c.slug,
							course_version: plan.version,
							module_slug: a.moduleSlug,
							attempt_no: a.attemptNo,
							drawn: '[]',
							answers: '{}',
							started_at: iso(a.startedAt),
							deadline_at: null,
							submitted_at: iso(a.startedAt + 8 * 60_000),
							score: a.percent / 10,
							max_score: 10,
							percent: a.percent,
							passed: a.passed ? 1 : 0,
							items: '[]'
						});
					}
					if (plan.completedAt === null) continue;
					totals.completions++;
					const rng = rngFor(4, n * 8 + plan.courseIndex);
					if (rng() >= 0.97) continue; // a few completions were never certified
					const issuedAt = Math.min(END, plan.completedAt + Math.floor(rng() * 2 * 86_400_000));
					const revoked = rng() < 0.015 ? iso(Math.min(END, issuedAt + 10 * 86_400_000)) : null;
					certificates.push({
						code: `AULA-S${enrolmentId.toString(36).toUpperCase().padStart(7, '0')}`,
						enrolment_id: enrolmentId,
						user_id: userId,
						course_slug: c.slug,
						course_version: plan.completedVersion!,
						full_name: l.fullName,
						course_title: c.title,
						hours: hoursAt(c, plan.completedAt),
						institution_id: l.institutionId,
						institution_name: nameOf.get(l.institutionId) ?? null,
						locale: 'es',
						completed_at: iso(plan.completedAt),
						issued_at: iso(issuedAt),
						payload: '{}',
						signature: 'seed',
						key_id: 'seed',
						revoked_at: revoked,
						revoked_reason: revoked ? 'Emitido por error' : null,
						revoked_by: null
					});
				}
				await insertAll(trx, 'quiz_attempts', attempts);
				await insertAll(trx, 'certificates', certificates);
				totals.users += people.length;
				totals.enrolments += plans.length;
				totals.attempts += attempts.length;
				totals.certificates += certificates.length;
			});
			progress.update(to);
		}
		// Rows were inserted directly, not through the app's writes: build the report roll-up once.
		console.log('seed:large: building the monthly report roll-up…');
		const rollup = await rebuildReportRollup(db);
		console.log(`seed:large: ${rollup.rows} roll-up rows`);
		// Planner statistics for the new rows (and, on PostgreSQL, the visibility map that lets
		// index-only scans skip the table): what autovacuum would do some time after a bulk load.
		console.log('seed:large: analysing the tables…');
		await sql.raw(dialectOf(getConfig().databaseUrl) === 'postgres' ? 'vacuum analyze' : 'analyze').execute(db);
		const seconds = ((performance.now() - started) / 1000).toFixed(0);
		console.log(
			`seed:large: ${totals.users} learners, ${totals.enrolments} enrolments, ${totals.attempts} quiz attempts, ` +
				`${totals.completions} completions, ${totals.certificates} certificates, ${iso(START).slice(0, 10)} – ${iso(END).slice(0, 10)}, in ${seconds} s`
		);
	} finally {
		await db.destroy();
	}
}

main().catch((e) => {
	console.error(e instanceof Error ? e.message : e);
	process.exitCode = 1;
});
