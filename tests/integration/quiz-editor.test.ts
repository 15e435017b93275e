/** The quiz editor's save path: a submitted form lands in the course draft, a stale one is refused. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { editorState, saveText } from '../../src/lib/server/courses/authoring';
import { contentFiles } from '../../src/lib/server/courses/catalog';
import { readQuestionForm } from '../../src/lib/server/courses/quiz-edit/form';
import { readQuestion, readSettings } from '../../src/lib/server/courses/quiz-edit/read';
import { writeQuestion, writeSettings } from '../../src/lib/server/courses/quiz-edit/write';
import { getOpenDraft, importCourses, parseFiles } from '../../src/lib/server/courses/revisions';
import { newUser } from '../helpers/factories';
import { createTestDb, DIALECTS, type TestDb } from '../helpers/test-db';

const SLUG = 'frontera';
const NAME = '01-conceptos.quiz.yaml';
const PATH = `content/courses/${SLUG}/${NAME}`;

/** The form the page renders for the matching question, with one right-hand side changed. */
function matchingForm(text: string, right: string, expected: { id: number; lock: number } | null) {
	const q = readQuestion(text, 'diferencias-matching')!;
	const form = new FormData();
	form.set('question', q.id);
	form.set('type', q.type);
	form.set('objective', String(q.objective ?? ''));
	form.set('prompt', q.prompt);
	form.set('explanation', q.explanation);
	q.pairs.forEach((p, i) => {
		form.set(`pair.${i}.id`, p.id);
		form.set(`pair.${i}.left`, p.left);
		form.set(`pair.${i}.right`, i === 1 ? right : p.right);
	});
	form.set('draft', expected ? String(expected.id) : '');
	form.set('lock', expected ? String(expected.lock) : '');
	return form;
}

describe.each(DIALECTS)('quiz editor saves on %s', (dialect) => {
	let t: TestDb;
	beforeAll(async () => {
		t = await createTestDb(dialect);
		await importCourses(t.db, contentFiles());
	});
	afterAll(() => t.destroy());

	it('saves a form into the draft with one line changed, and refuses a stale lock keeping nothing', async () => {
		const user = await newUser(t.db, { role: 'trainer' });
		const text = (await editorState(t.db, SLUG))!.files[PATH];

		const read = readQuestionForm(matchingForm(text, 'Sigue después del traslado.', null));
		expect(read.errors).toEqual([]);
		const updated = writeQuestion(text, read.draft)!;
		const saved = await saveText(t.db, { slug: SLUG, name: NAME, text: updated, expected: null, userId: user.id });
		if (!saved.ok) throw new Error(`refused: ${saved.reason}`);
		const draft = (await getOpenDraft(t.db, SLUG))!;
		const inDraft = parseFiles(draft)[PATH];
		expect(inDraft).toBe(updated);
		const changed = inDraft.split('\n').filter((l, i) => l !== text.split('\n')[i]);
		expect(changed).toEqual(['        right: "Sigue después del traslado."']);

		// A second editor saves the settings on the same lock…
		const settings = writeSettings(inDraft, { ...readSettings(inDraft), passingScore: 80 })!;
		const other = await saveText(t.db, { slug: SLUG, name: NAME, text: settings, expected: { id: saved.draftId, lock: saved.lock }, userId: user.id });
		expect(other.ok).toBe(true);
		// …so a save still on the old lock is refused and writes nothing.
		const late = readQuestionForm(matchingForm(inDraft, 'Otro texto.', { id: saved.draftId, lock: saved.lock }));
		const stale = await saveText(t.db, { slug: SLUG, name: NAME, text: writeQuestion(settings, late.draft)!, expected: { id: saved.draftId, lock: saved.lock }, userId: user.id });
		expect(stale).toEqual({ ok: false, reason: 'stale' });
		const after = parseFiles((await getOpenDraft(t.db, SLUG))!)[PATH];
		expect(after).toBe(settings);
		expect(readSettings(after).passingScore).toBe(80);
	});

	it('refuses a question the validator rejects, writing nothing', async () => {
		const user = await newUser(t.db, { role: 'trainer' });
		const state = (await editorState(t.db, SLUG))!;
		const text = state.files[PATH];
		const q = readQuestion(text, 'diferencias-matching')!;
		const broken = writeQuestion(text, { ...q, pairs: [q.pairs[0]] })!;
		const result = await saveText(t.db, { slug: SLUG, name: NAME, text: broken, expected: { id: state.draft!.id, lock: state.draft!.lock }, userId: user.id });
		expect(result.ok).toBe(false);
		if (result.ok || result.reason !== 'invalid') throw new Error('expected invalid');
		expect(result.issues.some((i) => i.severity === 'error' && /necesita al menos 2/.test(i.message))).toBe(true);
		expect(parseFiles((await getOpenDraft(t.db, SLUG))!)[PATH]).toBe(text);
	});
});
