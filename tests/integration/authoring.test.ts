import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { review, rollBack, saveText } from '../../src/lib/server/courses/authoring';
import { contentFiles, findCourse, refreshCatalog } from '../../src/lib/server/courses/catalog';
import { filesDiff } from '../../src/lib/server/courses/diff';
import { loadCourses } from '../../src/lib/server/courses/load';
import { readCourseFiles } from '../../src/lib/server/courses/read-files';
import { renderCourseMarkdown } from '../../src/lib/server/courses/render';
import {
	currentRevision,
	currentRevisions,
	fileName,
	getOpenDraft,
	importCourses,
	listPublished,
	parseFiles,
	submitDraft
} from '../../src/lib/server/courses/revisions';
import { newUser } from '../helpers/factories';
import { createTestDb, DIALECTS, type TestDb } from '../helpers/test-db';

const SLUG = 'ley-263-policia';
const MODULE = '01-marco-general.md';
const OLD = 'Se llama «integral» porque no se limita a castigar.';
const NEW = 'Se llama «integral» porque no se limita a sancionar.';

describe.each(DIALECTS)('course versions on %s', (dialect) => {
	let t: TestDb;
	beforeAll(async () => {
		t = await createTestDb(dialect);
	});
	afterAll(() => t.destroy());

	it('imports the bundled courses once: importing them again adds no version', async () => {
		const first = await importCourses(t.db, contentFiles());
		expect(first.imported.length).toBeGreaterThanOrEqual(4);
		const again = await importCourses(t.db, contentFiles());
		expect(again.imported).toEqual([]);
		const rows = await t.db.selectFrom('course_revisions').select(['course_slug', 'content_hash']).execute();
		expect(rows).toHaveLength(first.imported.length);
		for (const r of rows) expect(r.content_hash).toBe(findCourse(r.course_slug)?.version ?? findPublic(r.course_slug));
	});

	it('exports files that content:check accepts and that import as the same version', async () => {
		const dir = mkdtempSync(join(tmpdir(), 'aula-export-'));
		try {
			for (const r of await currentRevisions(t.db)) {
				mkdirSync(join(dir, r.course_slug));
				for (const [path, text] of Object.entries(parseFiles(r))) writeFileSync(join(dir, r.course_slug, fileName(path)), text);
			}
			const files = readCourseFiles(dir);
			const { courses, issues } = loadCourses(files);
			expect(issues).toEqual([]);
			const current = await currentRevisions(t.db);
			expect(courses.map((c) => `${c.slug}@${c.version}`).sort()).toEqual(current.map((r) => `${r.course_slug}@${r.content_hash}`).sort());
			expect((await importCourses(t.db, files)).imported).toEqual([]);
		} finally {
			rmSync(dir, { recursive: true, force: true });
		}
	});

	it('drafts, refuses a stale save and code, reviews by another trainer, publishes, rolls back', async () => {
		const author = await newUser(t.db, { role: 'trainer' });
		const reviewer = await newUser(t.db, { role: 'trainer' });
		const before = (await currentRevision(t.db, SLUG))!;
		const text = parseFiles(before)[`content/courses/${SLUG}/${MODULE}`];
		expect(text).toContain(OLD);

		// A text with a script is refused with its line, and writes nothing.
		const withScript = text.replace(OLD, `${OLD}\n\n<script>alert(1)</script>\n`);
		const refused = await saveText(t.db, { slug: SLUG, name: MODULE, text: withScript, expected: null, userId: author.id });
		expect(refused.ok).toBe(false);
		if (refused.ok || refused.reason !== 'invalid') throw new Error('expected invalid');
		const line = withScript.split('\n').findIndex((l) => l.includes('<script>')) + 1;
		expect(refused.issues.some((i) => i.severity === 'error' && i.line === line && /<script>/.test(i.message))).toBe(true);
		expect(await getOpenDraft(t.db, SLUG)).toBeUndefined();

		const saved = await saveText(t.db, { slug: SLUG, name: MODULE, text: text.replace(OLD, NEW).replace(/\n/g, '\r\n'), expected: null, userId: author.id });
		if (!saved.ok) throw new Error(`not saved: ${JSON.stringify(saved)}`);
		// A second form opened before that save is refused; the first save stands.
		const stale = await saveText(t.db, { slug: SLUG, name: MODULE, text: text.replace(OLD, 'Otro.'), expected: null, userId: reviewer.id });
		expect(stale).toEqual({ ok: false, reason: 'stale' });
		const draft = (await getOpenDraft(t.db, SLUG))!;
		expect(parseFiles(draft)[`content/courses/${SLUG}/${MODULE}`]).toBe(text.replace(OLD, NEW));
		expect(filesDiff(parseFiles(before), parseFiles(draft)).map((d) => [d.name, d.added, d.removed])).toEqual([[MODULE, 1, 1]]);

		expect(await submitDraft(t.db, { id: draft.id, lock: draft.lock, userId: author.id })).toEqual({ ok: true });
		const decide = { id: draft.id, lock: draft.lock, comment: '' } as const;
		expect(await review(t.db, { ...decide, userId: author.id, decision: 'approve' })).toEqual({ ok: false, reason: 'own-draft' });
		const approved = await review(t.db, { ...decide, userId: reviewer.id, decision: 'approve' });
		expect(approved.ok).toBe(true);

		// Another instance (its own connection) serves the new text once it looks.
		const second = t.openSecond();
		await refreshCatalog(second, { force: true });
		const course = findCourse(SLUG)!;
		expect(course.version).toBe(draft.content_hash);
		expect((await renderCourseMarkdown(course, '01-marco-general')).html).toContain('no se limita a sancionar');

		const back = await rollBack(t.db, { slug: SLUG, revisionId: before.id, userId: reviewer.id });
		expect(back.ok).toBe(true);
		await refreshCatalog(second, { force: true });
		expect(findCourse(SLUG)!.version).toBe(before.content_hash);
		expect((await renderCourseMarkdown(findCourse(SLUG)!, '01-marco-general')).html).toContain('no se limita a castigar');
		expect((await listPublished(t.db, SLUG)).map((r) => r.source)).toEqual(['rollback', 'editor', 'import']);

		const audit = await t.db.selectFrom('audit_log').select('action').where('action', 'like', 'content.%').execute();
		const actions = audit.map((a) => a.action);
		for (const a of ['content.import', 'content.draft.save', 'content.review.submit', 'content.publish', 'content.rollback']) expect(actions).toContain(a);
	});
});

function findPublic(slug: string) {
	return loadCourses(contentFiles()).courses.find((c) => c.slug === slug)?.version;
}
