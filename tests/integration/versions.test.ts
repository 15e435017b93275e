import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { review } from '../../src/lib/server/courses/authoring';
import { contentFiles, findCourse, refreshCatalog } from '../../src/lib/server/courses/catalog';
import type { QuizModule } from '../../src/lib/server/courses/types';
import {
	coursePath,
	discardDraft,
	getOpenDraft,
	importCourses,
	listPublished,
	saveDraftFile,
	submitDraft
} from '../../src/lib/server/courses/revisions';
import {
	attemptsForAnalysis,
	attemptVersions,
	quizOfVersion
} from '../../src/lib/server/quizzes/analysis-data';
import { startAttempt } from '../../src/lib/server/quizzes/attempts';
import { newUser } from '../helpers/factories';
import { enrolmentAt } from '../helpers/report-fixtures';
import { createTestDb, DIALECTS, type TestDb } from '../helpers/test-db';

const SLUG = 'ley-263-policia';
const FILE = coursePath(SLUG, '01-marco-general.md');
const PROMPT = '¿Qué afirmación describe mejor el objeto de la Ley N° 263?';
const NEW_PROMPT = '¿Qué afirmación resume mejor el objeto de la Ley N° 263?';

describe.each(DIALECTS)('course versions on %s', (dialect) => {
	let t: TestDb;
	beforeAll(async () => {
		t = await createTestDb(dialect);
		await importCourses(t.db, contentFiles());
	});
	afterAll(() => t.destroy());

	async function startDraft(userId: number, text = `Texto ${Date.now()}`) {
		const saved = await saveDraftFile(t.db, {
			slug: SLUG,
			path: FILE,
			text,
			expected: null,
			userId
		});
		if (!saved.ok) throw new Error(saved.reason);
		return saved.draft;
	}

	it('discards a draft for whoever started it or an admin only, on the current lock, never in review', async () => {
		const author = await newUser(t.db, { role: 'trainer' });
		const other = await newUser(t.db, { role: 'trainer' });
		const admin = await newUser(t.db, { role: 'admin' });
		const published = await listPublished(t.db, SLUG);

		let draft = await startDraft(author.id);
		const asked = { slug: SLUG, id: draft.id, lock: draft.lock };
		expect(await discardDraft(t.db, { ...asked, userId: other.id, admin: false })).toEqual({
			ok: false,
			reason: 'not-author'
		});
		expect(
			await discardDraft(t.db, { ...asked, slug: 'frontera', userId: author.id, admin: false })
		).toEqual({ ok: false, reason: 'not-found' });
		// Saved again since the page was shown: the older lock is refused.
		const again = await saveDraftFile(t.db, {
			slug: SLUG,
			path: FILE,
			text: 'Otra vez',
			expected: { id: draft.id, lock: draft.lock },
			userId: author.id
		});
		if (!again.ok) throw new Error(again.reason);
		expect(await discardDraft(t.db, { ...asked, userId: author.id, admin: false })).toEqual({
			ok: false,
			reason: 'stale'
		});
		draft = again.draft;
		expect(await submitDraft(t.db, { id: draft.id, lock: draft.lock, userId: author.id })).toEqual({
			ok: true
		});
		expect(
			await discardDraft(t.db, { ...asked, lock: draft.lock, userId: author.id, admin: false })
		).toEqual({ ok: false, reason: 'in-review' });
		expect(
			await discardDraft(t.db, { ...asked, lock: draft.lock, userId: admin.id, admin: true })
		).toEqual({ ok: false, reason: 'in-review' });
		expect((await getOpenDraft(t.db, SLUG))?.id).toBe(draft.id);

		// Back from review (returned), the author may discard it.
		await t.db
			.updateTable('course_revisions')
			.set({ status: 'returned' })
			.where('id', '=', draft.id)
			.execute();
		expect(
			await discardDraft(t.db, { ...asked, lock: draft.lock, userId: author.id, admin: false })
		).toEqual({ ok: true });
		expect(await getOpenDraft(t.db, SLUG)).toBeUndefined();
		expect(
			await discardDraft(t.db, { ...asked, lock: draft.lock, userId: author.id, admin: false })
		).toEqual({ ok: false, reason: 'not-found' });

		// An admin may discard another person's draft; published versions are untouched.
		const second = await startDraft(author.id);
		expect(
			await discardDraft(t.db, {
				slug: SLUG,
				id: second.id,
				lock: second.lock,
				userId: admin.id,
				admin: true
			})
		).toEqual({ ok: true });
		expect(await listPublished(t.db, SLUG)).toEqual(published);

		const audit = await t.db
			.selectFrom('audit_log')
			.select(['actor_id', 'target_id'])
			.where('action', '=', 'content.draft.discard')
			.orderBy('id')
			.execute();
		expect(audit).toEqual([
			{ actor_id: author.id, target_id: String(draft.id) },
			{ actor_id: admin.id, target_id: String(second.id) }
		]);
	});

	it("filters item analysis by version: only that version's submitted attempts, counted per version", async () => {
		const module = '01-marco-general';
		const learner = await newUser(t.db);
		const enrolment = await enrolmentAt(t.db, {
			userId: learner.id,
			course: SLUG,
			version: 'aaaaaaaa',
			status: 'active',
			enrolledAt: '2026-11-01T00:00:00.000Z'
		});
		const attempt = (version: string, no: number, submitted: string | null) =>
			t.db
				.insertInto('quiz_attempts')
				.values({
					enrolment_id: enrolment.id,
					user_id: learner.id,
					course_slug: SLUG,
					course_version: version,
					module_slug: module,
					attempt_no: no,
					drawn: '[]',
					answers: '{}',
					started_at: '2026-11-01T00:00:00.000Z',
					deadline_at: null,
					submitted_at: submitted,
					score: submitted ? 1 : null,
					max_score: submitted ? 2 : null,
					percent: submitted ? 50 : null,
					passed: submitted ? 0 : null,
					items: submitted ? '[]' : null
				})
				.returning('id')
				.executeTakeFirstOrThrow();
		const a1 = await attempt('aaaaaaaa', 1, '2026-11-02T10:00:00.000Z');
		const a2 = await attempt('aaaaaaaa', 2, '2026-11-03T10:00:00.000Z');
		const b1 = await attempt('bbbbbbbb', 3, '2026-11-05T10:00:00.000Z');
		await attempt('bbbbbbbb', 4, null); // still open: not analysed, not counted

		expect(await attemptVersions(t.db, SLUG, module)).toEqual([
			{ version: 'bbbbbbbb', attempts: 1 },
			{ version: 'aaaaaaaa', attempts: 2 }
		]);
		const ids = async (version?: string) =>
			(await attemptsForAnalysis(t.db, SLUG, module, { version })).map((a) => a.id);
		expect(await ids('aaaaaaaa')).toEqual([a1.id, a2.id]);
		expect(await ids('bbbbbbbb')).toEqual([b1.id]);
		expect(await ids()).toEqual([a1.id, a2.id, b1.id]);
		expect(await attemptVersions(t.db, SLUG, '02-instituciones')).toEqual([]);
	});

	it('records on an attempt the version its questions come from, not the one enrolled in', async () => {
		const course = findCourse(SLUG)!;
		const learner = await newUser(t.db);
		const { id } = await enrolmentAt(t.db, {
			userId: learner.id,
			course: SLUG,
			version: 'cccccccc',
			status: 'active',
			enrolledAt: '2026-11-01T00:00:00.000Z'
		});
		const enrolment = await t.db
			.selectFrom('enrolments')
			.selectAll()
			.where('id', '=', id)
			.executeTakeFirstOrThrow();
		const started = await startAttempt(t.db, enrolment, course.modules[0] as QuizModule);
		if (!started.ok) throw new Error(started.reason);
		expect(started.attempt.course_version).toBe(course.version);
	});

	it("reads a version's attempts against that version's quiz", async () => {
		const author = await newUser(t.db, { role: 'trainer' });
		const reviewer = await newUser(t.db, { role: 'trainer' });
		const quizPath = coursePath(SLUG, '01-marco-general.quiz.yaml');
		const old = PROMPT;
		const before = findCourse(SLUG)!.version;
		const files = await t.db
			.selectFrom('course_revisions')
			.select('files')
			.where('course_slug', '=', SLUG)
			.where('content_hash', '=', before)
			.executeTakeFirstOrThrow();
		const text = (JSON.parse(files.files) as Record<string, string>)[quizPath];
		const saved = await saveDraftFile(t.db, {
			slug: SLUG,
			path: quizPath,
			text: text.replace(old, NEW_PROMPT),
			expected: null,
			userId: author.id
		});
		if (!saved.ok) throw new Error(saved.reason);
		expect(
			await submitDraft(t.db, { id: saved.draft.id, lock: saved.draft.lock, userId: author.id })
		).toEqual({ ok: true });
		const published = await review(t.db, {
			id: saved.draft.id,
			lock: saved.draft.lock,
			userId: reviewer.id,
			decision: 'approve',
			comment: ''
		});
		expect(published.ok).toBe(true);
		try {
			const prompt = (q: Awaited<ReturnType<typeof quizOfVersion>>) =>
				q?.questions.find((x) => x.id === 'objeto-de-la-ley')?.prompt;
			expect(prompt(await quizOfVersion(t.db, SLUG, '01-marco-general', before))).toBe(old);
			expect(
				prompt(await quizOfVersion(t.db, SLUG, '01-marco-general', saved.draft.content_hash))
			).toBe(NEW_PROMPT);
			expect(await quizOfVersion(t.db, SLUG, '01-marco-general', 'deadbeef')).toBeNull();
		} finally {
			// The catalog is this process's: serve the bundled text again for the other tests.
			await t.db
				.deleteFrom('course_revisions')
				.where('content_hash', '=', saved.draft.content_hash)
				.execute();
			await refreshCatalog(t.db, { force: true });
		}
	});
});
