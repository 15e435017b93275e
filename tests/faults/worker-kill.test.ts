// kill -9 of one worker during a quiz load: the supervisor (scripts/serve.js) replaces it, every
// submit answered 303 is graded in the database, nothing is duplicated, the SQLite file is intact.
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { prepareLearners, processTree } from '../../bench/lib.ts';
import {
	inParallel,
	QUIZ,
	sleep,
	startApp,
	takeQuiz,
	tempDir,
	type App,
	type Sent
} from './support';

const PORT = 4317;

describe('a worker killed during the load (SQLite, two workers)', () => {
	const tmp = tempDir();
	const file = `${tmp.dir}/aula.db`;
	let app: App;
	beforeAll(async () => {
		app = await startApp('scripts/serve.js', PORT, {
			DATABASE_URL: `file:${file}`,
			CERT_KEY_FILE: `${tmp.dir}/key.pem`,
			WEB_CONCURRENCY: '2'
		});
	});
	afterAll(async () => {
		await app?.stop();
		if (process.env.FAULT_LOG) console.log(app?.log());
		tmp.remove();
	});

	it('replaces the worker and loses or doubles no submission', async () => {
		const workers = processTree(app.child.pid!).slice(1);
		expect(workers).toHaveLength(2);
		const cookies = await prepareLearners(`file:${file}`, 120, 'kill-');
		const log: Sent[] = [];
		const load = inParallel(cookies, 12, (cookie) => takeQuiz(app.origin, cookie, log));
		await sleep(1500);
		process.kill(workers[0], 'SIGKILL');
		await load;

		for (let i = 0; i < 300; i++) {
			const now = processTree(app.child.pid!).slice(1);
			if (now.length === 2 && !now.includes(workers[0])) break;
			await sleep(100);
		}
		const replaced = processTree(app.child.pid!).slice(1);
		expect(replaced).toHaveLength(2);
		expect(replaced).not.toContain(workers[0]);
		expect((await fetch(`${app.origin}${QUIZ}`, { headers: { cookie: cookies[0] } })).status).toBe(
			200
		);

		const answered = log
			.filter((s) => s.attemptId !== undefined && s.status === 303)
			.map((s) => s.attemptId!);
		// The load went on around the kill: most learners got through.
		expect(answered.length).toBeGreaterThan(60);
		const db = new Database(file, { readonly: true });
		try {
			const graded = new Set(
				(
					db
						.prepare(
							'SELECT id FROM quiz_attempts WHERE submitted_at IS NOT NULL AND percent IS NOT NULL'
						)
						.all() as { id: number }[]
				).map((r) => r.id)
			);
			expect(answered.filter((id) => !graded.has(id))).toEqual([]);
			expect(
				db
					.prepare(
						'SELECT count(*) AS n FROM (SELECT 1 FROM quiz_attempts GROUP BY enrolment_id, module_slug, attempt_no HAVING count(*) > 1)'
					)
					.get()
			).toEqual({ n: 0 });
			expect(
				db
					.prepare(
						'SELECT count(*) AS n FROM (SELECT 1 FROM certificates GROUP BY enrolment_id HAVING count(*) > 1)'
					)
					.get()
			).toEqual({ n: 0 });
			// A graded attempt's result reached the learner's progress in the same transaction.
			expect(
				db
					.prepare(
						'SELECT count(*) AS n FROM quiz_attempts a LEFT JOIN module_progress p ON p.enrolment_id = a.enrolment_id AND p.module_slug = a.module_slug WHERE a.submitted_at IS NOT NULL AND p.quiz_percent IS NULL'
					)
					.get()
			).toEqual({ n: 0 });
			expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
		} finally {
			db.close();
		}
	});
});
