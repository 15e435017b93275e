import { error, fail } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { saveText } from '$lib/server/courses/authoring';
import { getCatalog } from '$lib/server/courses/catalog';
import { editorContext, expectedDraft, refusalMessage, refusalStatus } from '$lib/server/courses/editor-page';
import { placeFindings } from '$lib/server/courses/quiz-edit/findings';
import { applyOp, readQuestionForm, readSettingsForm } from '$lib/server/courses/quiz-edit/form';
import { allIds, blankQuestion, LIMITS, QUESTION_TYPES, questionId, type QuestionDraft } from '$lib/server/courses/quiz-edit/model';
import { listQuestions, readQuestion, readQuestions, readSettings } from '$lib/server/courses/quiz-edit/read';
import { addQuestion, removeQuestion, writeQuestion, writeSettings } from '$lib/server/courses/quiz-edit/write';
import { checkCourseFiles, coursePath } from '$lib/server/courses/revisions';
import { getDb } from '$lib/server/db';
import type { Actions, PageServerLoad, PageServerLoadEvent, RequestEvent } from './$types';

const MODULE = /^\d{2}-[a-z0-9-]+$/;

async function quizContext(event: RequestEvent | PageServerLoadEvent) {
	const ctx = await editorContext(event);
	const name = `${event.params.file}.quiz.yaml`;
	const path = coursePath(ctx.course.slug, name);
	if (!MODULE.test(event.params.file) || !Object.hasOwn(ctx.files, path)) error(404, m.error_not_found());
	return { ...ctx, name, path, text: ctx.files[path] };
}

export const load: PageServerLoad = async (event) => {
	const { course, draft, files, path, text } = await quizContext(event);
	const checked = checkCourseFiles(course.slug, files, getCatalog().courses.map((c) => c.slug));
	const module = checked.course?.modules.find((x) => x.slug === event.params.file);
	const id = event.url.searchParams.get('pregunta');
	const type = QUESTION_TYPES.find((t) => t === event.url.searchParams.get('nueva'));
	return {
		course: { slug: course.slug, title: course.title },
		module: event.params.file,
		questions: listQuestions(text),
		question: id ? readQuestion(text, id) : type ? blankQuestion(type, '') : null,
		isNew: !id && !!type,
		settings: readSettings(text),
		limits: { rows: LIMITS.rows, subs: LIMITS.subQuestions },
		objectives: (module?.objectives ?? []).map((o) => o.text),
		draft: draft ? { id: draft.id, lock: draft.lock, status: draft.status } : null,
		findings: placeFindings(text, path, checked.issues)
	};
};

/** Saves the quiz text through the draft; a refusal keeps what the trainer typed (`keep`). */
async function save<K extends object>(event: RequestEvent, form: FormData, updated: string, keep: K) {
	const { user, course, name, path } = await quizContext(event);
	const result = await saveText(getDb(), { slug: course.slug, name, text: updated, expected: expectedDraft(form), userId: user.id });
	if (!result.ok && result.reason === 'invalid')
		return { ok: false as const, failure: fail(400, { ...keep, message: m.editor_invalid(), findings: placeFindings(updated, path, result.issues) }) };
	if (!result.ok) return { ok: false as const, failure: fail(refusalStatus(result.reason), { ...keep, message: refusalMessage(result.reason) }) };
	return { ok: true as const, findings: placeFindings(updated, path, result.issues) };
}

export const actions: Actions = {
	save: async (event) => {
		const { text } = await quizContext(event);
		const form = await event.request.formData();
		const read = readQuestionForm(form);
		let edit: QuestionDraft = read.draft;
		const original = read.original;
		if (read.op !== null) {
			const changed = applyOp(edit, read.op, String(form.get('subtype') ?? ''));
			const message = [...read.errors, ...(changed.error ? [changed.error] : [])].join(' ');
			return { edit: changed.draft, original, notice: message || null, unsaved: m.quiz_form_unsaved() };
		}
		if (read.errors.length) return fail(400, { edit, original, message: read.errors.join(' ') });
		let updated: string | null;
		if (original === null) {
			const taken = allIds(readQuestions(text));
			if (!edit.id) edit = { ...edit, id: questionId(edit.prompt || edit.scenario, taken) };
			if (taken.includes(edit.id)) return fail(400, { edit, original, message: m.quiz_form_id_taken() });
			updated = addQuestion(text, edit);
		} else updated = writeQuestion(text, edit);
		if (updated === null) return fail(404, { edit, original, message: m.quiz_edit_missing() });
		const saved = await save(event, form, updated, { edit, original });
		if (!saved.ok) return saved.failure;
		const message = original === null ? m.quiz_form_added({ id: edit.id }) : m.editor_saved();
		return { edit, original: edit.id, saved: message, findings: saved.findings };
	},

	settings: async (event) => {
		const { text } = await quizContext(event);
		const form = await event.request.formData();
		const { settings, errors } = readSettingsForm(form);
		if (errors.length) return fail(400, { settings, settingsMessage: errors.join(' ') });
		const updated = writeSettings(text, settings);
		if (updated === null) return fail(404, { settings, settingsMessage: m.quiz_edit_missing() });
		const saved = await save(event, form, updated, { settings });
		if (!saved.ok) return saved.failure;
		return { settings, settingsSaved: m.editor_saved(), findings: saved.findings };
	},

	remove: async (event) => {
		const { text } = await quizContext(event);
		const form = await event.request.formData();
		const id = String(form.get('question') ?? '').slice(0, 100);
		if (form.get('confirm') !== 'on') return fail(400, { message: m.quiz_form_remove_unconfirmed() });
		const updated = removeQuestion(text, id);
		if (updated === null) return fail(404, { message: m.quiz_edit_missing() });
		const saved = await save(event, form, updated, {});
		if (!saved.ok) return saved.failure;
		return { saved: m.quiz_form_removed({ id }), removed: id, findings: saved.findings };
	}
};
