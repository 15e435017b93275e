import { error, fail } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { checkWith, normalizeText, saveText, TEXT_FILE } from '$lib/server/courses/authoring';
import { editorContext, expectedDraft, refusalMessage, refusalStatus } from '$lib/server/courses/editor-page';
import { renderText } from '$lib/server/courses/render';
import { coursePath } from '$lib/server/courses/revisions';
import { isPublicCourse, type ContentIssue } from '$lib/server/courses/types';
import { getDb } from '$lib/server/db';
import type { Actions, PageServerLoad, PageServerLoadEvent, RequestEvent } from './$types';

/** Longest text a save takes: ten times the longest module so far. */
const MAX_TEXT = 200_000;

async function fileContext(event: RequestEvent | PageServerLoadEvent) {
	const ctx = await editorContext(event);
	const name = `${event.params.file}.md`;
	const path = coursePath(ctx.course.slug, name);
	if (!TEXT_FILE.test(name) || !Object.hasOwn(ctx.files, path)) error(404, m.error_not_found());
	return { ...ctx, name, path };
}

/** Findings about this file and its quiz (the item-writing warnings are the quiz's). */
function own(issues: ContentIssue[], path: string) {
	const quiz = path.replace(/\.md$/, '.quiz.yaml');
	return issues
		.filter((i) => i.file === path || i.file === quiz)
		.map((i) => ({ line: i.line, severity: i.severity, message: i.message, quiz: i.file === quiz }));
}

async function posted(event: RequestEvent) {
	const form = await event.request.formData();
	const text = normalizeText(String(form.get('text') ?? ''));
	const expected = expectedDraft(form);
	return { text, expected, keep: { text, draft: expected?.id ?? null, lock: expected?.lock ?? null } };
}

export const load: PageServerLoad = async (event) => {
	const { course, draft, files, name, path } = await fileContext(event);
	const text = files[path];
	return {
		course: { slug: course.slug, title: course.title },
		file: name,
		text,
		draft: draft ? { id: draft.id, lock: draft.lock, status: draft.status } : null,
		issues: own(checkWith(course.slug, files, name, text), path)
	};
};

export const actions: Actions = {
	save: async (event) => {
		const { user, course, name, path } = await fileContext(event);
		const { text, expected, keep } = await posted(event);
		if (text.length > MAX_TEXT) return fail(413, { ...keep, message: m.error_text_too_long() });
		const result = await saveText(getDb(), { slug: course.slug, name, text, expected, userId: user.id });
		if (!result.ok && result.reason === 'invalid')
			return fail(400, { ...keep, message: m.editor_invalid(), issues: own(result.issues, path) });
		if (!result.ok) return fail(refusalStatus(result.reason), { ...keep, message: refusalMessage(result.reason) });
		return { saved: m.editor_saved(), issues: own(result.issues, path) };
	},
	preview: async (event) => {
		const { course, files, name, path } = await fileContext(event);
		const { text, keep } = await posted(event);
		if (text.length > MAX_TEXT) return fail(413, { ...keep, message: m.error_text_too_long() });
		const issues = own(checkWith(course.slug, files, name, text), path);
		if (issues.some((i) => i.severity === 'error' && !i.quiz))
			return fail(400, { ...keep, issues, message: m.editor_preview_invalid() });
		const base = isPublicCourse(course) ? '/abierto' : '/cursos';
		return { ...keep, issues, preview: await renderText(text, `${base}/${course.slug}`) };
	}
};
