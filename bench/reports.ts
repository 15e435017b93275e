/**
 * Reports on the large data set (npm run seed:large): the dashboard's queries beside one
 * hand-written SQL query for the same per-institution aggregate (the baseline), on SQLite and/or
 * PostgreSQL; then the server's memory while it streams the full per-enrolment CSV export.
 *
 *   DATABASE_URL=file:data/large.db npm run seed:large
 *   npm run build && node bench/reports.ts --db file:data/large.db [--db postgres://…/aula_large] [--runs 7]
 *     [--skip-export] [--server-node-options=…]   (default: the flags npm start uses; '' for none)
 *
 * Budget (issue): each dashboard under 300 ms and within 2× of the baseline (medians);
 * server peak RSS under 300 MB while streaming the full CSV export.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { tsImport } from 'tsx/esm/api';
import { fmt, startServer } from './lib.ts';

const { values } = parseArgs({
	options: {
		db: { type: 'string', multiple: true, default: [] },
		runs: { type: 'string', default: '7' },
		'skip-export': { type: 'boolean', default: false },
		/** V8 flags for the server; by default those of `npm start` / `npm run serve`. */
		'server-node-options': { type: 'string', default: '--max-semi-space-size=8' }
	}
});
const RUNS = Number(values.runs);
if (!values.db?.length) {
	console.error(
		'usage: node bench/reports.ts --db file:data/large.db [--db postgres://…] [--runs 7]'
	);
	process.exit(2);
}

// App modules through tsx (they import each other without extensions, as Vite resolves them).
const load = <T>(path: string) => tsImport(path, import.meta.url) as Promise<T>;
const { createDatabase, dialectOf } = await load<typeof import('../src/lib/server/db/connect.ts')>(
	'../src/lib/server/db/connect.ts'
);
const { councilReport, institutionReport } = await load<
	typeof import('../src/lib/server/reports/query.ts')
>('../src/lib/server/reports/query.ts');
const { createUser, findUserByEmail, grantRole } = await load<
	typeof import('../src/lib/server/users/repository.ts')
>('../src/lib/server/users/repository.ts');
const { hashPassword } = await load<typeof import('../src/lib/server/auth/password.ts')>(
	'../src/lib/server/auth/password.ts'
);
const { sql } = await import('kysely');

type Filter = {
	from: string;
	to: string;
	country: 'BO' | 'PE' | 'all';
	course: string | null;
	department: string | null;
};
const YEAR: Filter = {
	from: '2025-01-01',
	to: '2025-12-31',
	country: 'all',
	course: null,
	department: null
};
const SCENARIOS: { label: string; filter: Filter }[] = [
	{ label: 'Council, 2025, both countries', filter: YEAR },
	{
		label: 'Council, two years (Nov 2024 – Oct 2026)',
		filter: { ...YEAR, from: '2024-11-01', to: '2026-10-31' }
	},
	{
		// Ends mid-month: October's first half is read from the enrolments, not the roll-up.
		label: 'Council, 2026 to 15 Oct (a month cut)',
		filter: { ...YEAR, from: '2026-01-01', to: '2026-10-15' }
	},
	{
		label: 'Council, 2025, Bolivia, frontera, La Paz',
		filter: { ...YEAR, country: 'BO', course: 'frontera', department: 'La Paz' }
	}
];

/**
 * The baseline: what one would write by hand for the Council's main table — every figure per
 * institution and country for the period, in one statement (enrolments and certificates joined
 * to their people, conditional sums, one GROUP BY). The dashboard computes more than this
 * (countries, courses, months), so the comparison is generous to the baseline.
 */
function baseline(f: Filter, institutionId: number | null = null) {
	const from = `${f.from}T00:00:00.000Z`;
	const to = new Date(Date.parse(`${f.to}T00:00:00.000Z`) + 86_400_000).toISOString();
	const inP = (c: string) => sql.raw(`(${c} >= '${from}' and ${c} < '${to}')`);
	const people = sql.raw(
		[
			f.country !== 'all' ? `u.country = '${f.country}'` : '1 = 1',
			institutionId !== null ? `u.institution_id = ${institutionId}` : '1 = 1',
			f.department
				? `coalesce((select department from units where id = u.unit_id), (select department from institutions where id = u.institution_id)) = '${f.department}'`
				: '1 = 1'
		].join(' and ')
	);
	const course = (alias: string) =>
		sql.raw(f.course ? `${alias}.course_slug = '${f.course}'` : '1 = 1');
	return sql`
		select institution_id, country, sum(enrolled) as enrolled, sum(enrolled_completed) as enrolled_completed, sum(active) as active,
			sum(completed) as completed, sum(score_sum) / nullif(sum(score_count), 0) as average_score, sum(hours) as hours,
			sum(trained) as trained, sum(certificates) as certificates, sum(revoked) as revoked
		from (
			select u.institution_id, u.country,
				sum(case when ${inP('e.enrolled_at')} and e.status <> 'withdrawn' then 1 else 0 end) as enrolled,
				sum(case when ${inP('e.enrolled_at')} and e.status <> 'withdrawn' and e.completed_at is not null then 1 else 0 end) as enrolled_completed,
				sum(case when ${inP('e.last_activity_at')} then 1 else 0 end) as active,
				sum(case when ${inP('e.completed_at')} then 1 else 0 end) as completed,
				sum(case when ${inP('e.completed_at')} then cast(e.final_score as double precision) end) as score_sum,
				count(case when ${inP('e.completed_at')} then e.final_score end) as score_count,
				sum(case when ${inP('e.completed_at')} then cast(cv.hours as double precision) end) as hours,
				count(distinct case when ${inP('e.completed_at')} then e.user_id end) as trained,
				0 as certificates, 0 as revoked
			from enrolments e
			join users u on u.id = e.user_id
			left join course_versions cv on cv.course_slug = e.course_slug and cv.version = e.completed_version
			where (${inP('e.enrolled_at')} or ${inP('e.last_activity_at')} or ${inP('e.completed_at')}) and ${course('e')} and ${people}
			group by u.institution_id, u.country
			union all
			select u.institution_id, u.country, 0, 0, 0, 0, 0, 0, 0, 0,
				sum(case when c.revoked_at is null then 1 else 0 end), sum(case when c.revoked_at is not null then 1 else 0 end)
			from certificates c
			join users u on u.id = c.user_id
			where ${inP('c.issued_at')} and ${course('c')} and ${people}
			group by u.institution_id, u.country
		) per_institution
		group by institution_id, country`;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
async function time(f: () => Promise<unknown>) {
	const t0 = performance.now();
	await f();
	return performance.now() - t0;
}

type Row = { db: string; label: string; dashboard: number; baseline: number };
const rows: Row[] = [];
const exports: {
	db: string;
	rows: number;
	mb: number;
	seconds: number;
	idleMb: number;
	peakMb: number;
	hwmMb: number;
}[] = [];

for (const url of values.db) {
	const dialect = dialectOf(url);
	const db = createDatabase(url);
	const largest = await db
		.selectFrom('users')
		.innerJoin('institutions', 'institutions.id', 'users.institution_id')
		.select([
			'institutions.id',
			'institutions.name',
			'institutions.country',
			(eb) => eb.fn.countAll<number>().as('n')
		])
		.groupBy(['institutions.id', 'institutions.name', 'institutions.country'])
		.orderBy('n', 'desc')
		.executeTakeFirstOrThrow();
	const cases = [
		...SCENARIOS.map((s) => ({
			label: s.label,
			dashboard: () => councilReport(db, s.filter),
			baseline: () => baseline(s.filter).execute(db)
		})),
		{
			label: `Institution (${largest.name}), 2025`,
			dashboard: () =>
				institutionReport(
					db,
					{ id: largest.id, name: largest.name, country: largest.country },
					YEAR
				),
			baseline: () => baseline(YEAR, largest.id).execute(db)
		}
	];
	for (const c of cases) {
		await c.dashboard();
		await c.baseline();
		const d: number[] = [];
		const b: number[] = [];
		// Alternate, so background load on the machine falls on both alike.
		for (let i = 0; i < RUNS; i++) {
			d.push(await time(c.dashboard));
			b.push(await time(c.baseline));
		}
		rows.push({ db: dialect, label: c.label, dashboard: median(d), baseline: median(b) });
		console.error(
			`${dialect}  ${c.label}: dashboard ${fmt(median(d))}, baseline ${fmt(median(b))}`
		);
	}

	if (!values['skip-export']) {
		// A Council account to download with.
		const email = 'bench-consejo@example.org';
		const password = 'bench-password-123';
		let user = await findUserByEmail(db, email);
		if (!user) {
			user = await createUser(db, {
				email,
				fullName: 'Bench Consejo',
				passwordHash: await hashPassword(password),
				country: 'BO',
				institutionId: null,
				unitId: null,
				verified: true
			});
			await grantRole(db, user.id, 'council', null, null);
		}
		const nodeOptions = values['server-node-options'] ?? '';
		const server = await startServer({
			DATABASE_URL: url,
			SEED_DEMO: '0',
			...(nodeOptions ? { NODE_OPTIONS: nodeOptions } : {})
		});
		try {
			const login = await fetch(`${server.origin}/ingresar`, {
				method: 'POST',
				headers: { origin: server.origin, 'content-type': 'application/x-www-form-urlencoded' },
				body: new URLSearchParams({ email, password }),
				redirect: 'manual'
			});
			const cookie = login.headers
				.getSetCookie()
				.map((c) => c.split(';')[0])
				.join('; ');
			if (!cookie.includes('aula_session')) throw new Error(`login failed: ${login.status}`);
			const memory = (field: 'VmRSS' | 'VmHWM') =>
				Number(
					readFileSync(`/proc/${server.process.pid}/status`, 'utf8').match(
						new RegExp(`${field}:\\s+(\\d+)`)
					)![1]
				) / 1024;
			const idleMb = memory('VmRSS');
			let peakMb = idleMb;
			const poll = setInterval(() => (peakMb = Math.max(peakMb, memory('VmRSS'))), 20);
			const t0 = performance.now();
			const res = await fetch(
				`${server.origin}/consejo/inscripciones.csv?desde=2024-11-01&hasta=2026-10-31&pais=all`,
				{ headers: { cookie } }
			);
			if (!res.ok || !res.body) throw new Error(`export failed: ${res.status}`);
			let bytes = 0;
			let lines = 0;
			for await (const chunk of res.body) {
				bytes += chunk.byteLength;
				for (const b of chunk) if (b === 10) lines++;
			}
			const seconds = (performance.now() - t0) / 1000;
			clearInterval(poll);
			peakMb = Math.max(peakMb, memory('VmRSS'));
			exports.push({
				db: dialect + (nodeOptions ? ` (${nodeOptions})` : ''),
				rows: lines - 1,
				mb: bytes / 1e6,
				seconds,
				idleMb,
				peakMb,
				hwmMb: memory('VmHWM')
			});
		} finally {
			server.stop();
		}
	}
	await db.destroy();
}

console.log(
	`\nreports: medians of ${RUNS} runs each (dashboard = councilReport/institutionReport, all its queries and aggregation)`
);
console.log(
	'db        scenario                                          dashboard   baseline   ratio'
);
for (const r of rows) {
	console.log(
		`${r.db.padEnd(9)} ${r.label.padEnd(49)} ${fmt(r.dashboard).padStart(9)}  ${fmt(r.baseline).padStart(9)}   ${(r.dashboard / r.baseline).toFixed(2)}×`
	);
}
for (const e of exports) {
	console.log(
		`${e.db}: full per-enrolment CSV export: ${e.rows} rows, ${e.mb.toFixed(1)} MB in ${e.seconds.toFixed(1)} s; ` +
			`server RSS idle ${e.idleMb.toFixed(0)} MB, peak ${e.peakMb.toFixed(0)} MB (VmHWM ${e.hwmMb.toFixed(0)} MB)`
	);
}
const ok =
	rows.every((r) => r.dashboard < 300 && r.dashboard <= 2 * r.baseline) &&
	exports.every((e) => e.hwmMb < 300);
console.log(ok ? 'within budget' : 'OUT OF BUDGET');
process.exitCode = ok ? 0 : 1;
