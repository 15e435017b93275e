import { error, fail } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { checkWith, normalizeText, saveText } from '$lib/server/courses/authoring';
import { editorContext, expectedDraft, refusalMessage, refusalStatus } from '$lib/server/courses/editor-page';
import { listQuestions, readQuestion, writeQuestion, type EditableQuestion } from '$lib/server/courses/quiz-edit';
import { coursePath } from '$lib/server/courses/revisions';
import { getDb } from '$lib/server/db';
import type { Actions, PageServerLoad, PageServerLoadEvent, RequestEvent } from './$types';

const MODULE = /^\d{2}-[a-z0-9-]+$/;
const MAX_FIELD = 4000;

async function quizContext(event: RequestEvent | PageServerLoadEvent) {
	const ctx = await editorContext(event);
	const name = `${event.params.file}.quiz.yaml`;
	const path = coursePath(ctx.course.slug, name);
	if (!MODULE.test(event.params.file) || !Object.hasOwn(ctx.files, path)) error(404, m.error_not_found());
	return { ...ctx, name, path, text: ctx.files[path] };
}

export const load: PageServerLoad = async (event) => {
	const { course, draft, files, name, path, text } = await quizContext(event);
	const id = event.url.searchParams.get('pregunta');
	const question = id ? readQuestion(text, id) : null;
	const issues = checkWith(course.slug, files, name, text).filter((i) => i.file === path);
	return {
		course: { slug: course.slug, title: course.title },
		module: event.params.file,
		questions: listQuestions(text),
		question,
		draft: draft ? { id: draft.id, lock: draft.lock, status: draft.status } : null,
		issues: question ? issues : []
	};
};

function field(form: FormData, key: string) {
	return normalizeText(String(form.get(key) ?? '')).trim();
}

export const actions: Actions = {
	save: async (event) => {
		const { user, course, name, path, text } = await quizContext(event);
		const form = await event.request.formData();
		const before = readQuestion(text, String(form.get('question') ?? ''));
		if (!before) return fail(404, { message: m.quiz_edit_missing() });
		const edit: EditableQuestion = {
			...before,
			prompt: field(form, 'prompt'),
			explanation: field(form, 'explanation'),
			options: before.options.map((o) => ({
				id: o.id,
				text: field(form, `text-${o.id}`),
				feedback: field(form, `feedback-${o.id}`),
				correct: form.get(before.type === 'single' ? 'correct' : `correct-${o.id}`) === (before.type === 'single' ? o.id : 'on')
			})),
			answer: before.type === 'truefalse' ? form.get('answer') === 'true' : null,
			accept: before.type === 'short' ? field(form, 'accept').split('\n').map((s) => s.trim()).filter(Boolean) : []
		};
		const values = [edit.prompt, edit.explanation, ...edit.options.flatMap((o) => [o.text, o.feedback]), ...edit.accept];
		if (values.some((v) => v.length > MAX_FIELD)) return fail(413, { message: m.error_text_too_long(), edit });
		const updated = writeQuestion(text, edit);
		if (updated === null) return fail(404, { message: m.quiz_edit_missing() });
		const result = await saveText(getDb(), { slug: course.slug, name, text: updated, expected: expectedDraft(form), userId: user.id });
		if (!result.ok && result.reason === 'invalid')
			return fail(400, { message: m.editor_invalid(), edit, issues: result.issues.filter((i) => i.file === path) });
		if (!result.ok) return fail(refusalStatus(result.reason), { message: refusalMessage(result.reason), edit });
		return { saved: m.editor_saved(), issues: result.issues.filter((i) => i.file === path) };
	}
};
