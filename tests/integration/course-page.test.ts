import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { saveDraftChanges } from '../../src/lib/server/courses/authoring';
import { contentFiles } from '../../src/lib/server/courses/catalog';
import { moduleTemplate, quizTemplate } from '../../src/lib/server/courses/course-settings';
import { currentRevision, getOpenDraft, importCourses, parseFiles } from '../../src/lib/server/courses/revisions';
import { newUser } from '../helpers/factories';
import { createTestDb, DIALECTS, type TestDb } from '../helpers/test-db';

const SLUG = 'frontera';
const path = (name: string) => `content/courses/${SLUG}/${name}`;
const MODULE = moduleTemplate({ number: 6, slug: 'repaso', title: 'Repaso', titleEn: 'Review', minutes: 10 });
const QUIZ = '06-repaso.quiz.yaml';
const objectives = [
	{ text: 'Uno.', section: null },
	{ text: 'Dos.', section: null }
];

describe.each(DIALECTS)('saving several draft files at once on %s', (dialect) => {
	let t: TestDb;
	beforeAll(async () => {
		t = await createTestDb(dialect);
		await importCourses(t.db, contentFiles());
	});
	afterAll(() => t.destroy());

	it('refuses an invalid change and writes nothing', async () => {
		const user = await newUser(t.db, { role: 'trainer' });
		// A quiz whose module does not exist, and a gap in the numbering.
		const gap = moduleTemplate({ number: 8, slug: 'salto', title: 'Salto', titleEn: 'Gap', minutes: 10 });
		const result = await saveDraftChanges(t.db, {
			slug: SLUG,
			changes: { [gap.name]: gap.text, '07-nada.quiz.yaml': quizTemplate(objectives) },
			expected: null,
			userId: user.id
		});
		if (result.ok || result.reason !== 'invalid') throw new Error(`expected invalid: ${JSON.stringify(result)}`);
		expect(result.issues.some((i) => i.file === path(gap.name) && /Faltan? (el|los) módulos?/.test(i.message))).toBe(true);
		expect(await getOpenDraft(t.db, SLUG)).toBeUndefined();
		const audit = await t.db.selectFrom('audit_log').select('id').where('action', '=', 'content.draft.save').execute();
		expect(audit).toEqual([]);
	});

	it('adds a module and its quiz in one draft version, deletes them together, refuses a stale lock', async () => {
		const user = await newUser(t.db, { role: 'trainer' });
		const base = (await currentRevision(t.db, SLUG))!;
		const quiz = quizTemplate([
			{ text: 'Objetivo provisional: reemplácelo por una frase que empiece con un verbo.', section: 'Primer apartado' },
			{ text: 'Objetivo provisional: reemplácelo por una frase que empiece con un verbo.', section: 'Resumen' }
		]);
		const added = await saveDraftChanges(t.db, {
			slug: SLUG,
			changes: { [MODULE.name]: MODULE.text.replace(/\n/g, '\r\n'), [QUIZ]: quiz },
			expected: null,
			userId: user.id
		});
		if (!added.ok) throw new Error(`not saved: ${JSON.stringify(added)}`);
		const draft = (await getOpenDraft(t.db, SLUG))!;
		expect(draft.lock).toBe(1);
		const files = parseFiles(draft);
		expect(files[path(MODULE.name)]).toBe(MODULE.text);
		expect(files[path(QUIZ)]).toBe(quiz);
		expect(Object.keys(files).length).toBe(Object.keys(parseFiles(base)).length + 2);

		// A form opened before that save (no draft then, or an old lock) changes nothing.
		const removal = { [MODULE.name]: null, [QUIZ]: null };
		expect(await saveDraftChanges(t.db, { slug: SLUG, changes: removal, expected: null, userId: user.id })).toEqual({
			ok: false,
			reason: 'stale'
		});
		expect(
			await saveDraftChanges(t.db, { slug: SLUG, changes: removal, expected: { id: draft.id, lock: 0 }, userId: user.id })
		).toEqual({ ok: false, reason: 'stale' });
		expect((await getOpenDraft(t.db, SLUG))!.lock).toBe(1);

		const removed = await saveDraftChanges(t.db, {
			slug: SLUG,
			changes: removal,
			expected: { id: draft.id, lock: draft.lock },
			userId: user.id
		});
		expect(removed.ok).toBe(true);
		const after = (await getOpenDraft(t.db, SLUG))!;
		expect(after.lock).toBe(2);
		expect(parseFiles(after)).toEqual(parseFiles(base));
		expect(after.content_hash).toBe(base.content_hash);

		const audit = await t.db
			.selectFrom('audit_log')
			.select(['details'])
			.where('action', '=', 'content.draft.save')
			.where('target_id', '=', String(draft.id))
			.orderBy('id')
			.execute();
		expect(audit.map((a) => JSON.parse(a.details ?? '{}'))).toEqual([
			{ file: path(MODULE.name) },
			{ file: path(QUIZ) },
			{ file: path(MODULE.name), deleted: true },
			{ file: path(QUIZ), deleted: true }
		]);
	});
});
