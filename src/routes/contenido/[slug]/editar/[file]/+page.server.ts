import { error, fail } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { checkWith, normalizeText, saveText, TEXT_FILE } from '$lib/server/courses/authoring';
import { editorContext, expectedDraft, refusalMessage, refusalStatus } from '$lib/server/courses/editor-page';
import { imagesIn } from '$lib/server/courses/image-format';
import { MAX_IMAGE_BYTES, missingImages, storeImage, type StoreRefusal } from '$lib/server/courses/images';
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

/** Images the text names that were never uploaded (a mistyped address): errors with their line. */
async function unknownImages(text: string) {
	const missing = new Set(await missingImages(getDb(), imagesIn(text).map((i) => i.hash)));
	return text.split('\n').flatMap((l, n) =>
		imagesIn(l)
			.filter((i) => missing.has(i.hash))
			.map(() => ({ line: n + 1, severity: 'error' as const, message: m.editor_image_unknown(), quiz: false }))
	);
}

function uploadRefusal(reason: StoreRefusal): string {
	switch (reason) {
		case 'too-big':
			return m.editor_image_too_big();
		case 'svg':
			return m.editor_image_svg();
		case 'gif':
			return m.editor_image_gif();
		case 'html':
			return m.editor_image_html();
		default:
			return m.editor_image_type();
	}
}

/** What goes between the brackets of `![…](…)`: one line, without the signs Markdown or the validator read. */
function altText(value: FormDataEntryValue | null): { alt: string } | { message: string } {
	const alt = String(value ?? '').replace(/\s+/g, ' ').trim();
	if (!alt) return { message: m.editor_image_alt_missing() };
	if (alt.length > 250) return { message: m.editor_image_alt_long() };
	if (/[[\]{}<>"\\]/.test(alt)) return { message: m.editor_image_alt_signs() };
	return { alt };
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
		draft: draft ? { id: draft.id, lock: draft.lock, status: draft.status, savedAt: draft.updated_at } : null,
		issues: own(checkWith(course.slug, files, name, text), path)
	};
};

export const actions: Actions = {
	save: async (event) => {
		const { user, course, files, name, path } = await fileContext(event);
		const { text, expected, keep } = await posted(event);
		if (text.length > MAX_TEXT) return fail(413, { ...keep, message: m.error_text_too_long() });
		const unknown = await unknownImages(text);
		const result = unknown.length
			? ({ ok: false, reason: 'invalid', issues: checkWith(course.slug, files, name, text) } as const)
			: await saveText(getDb(), { slug: course.slug, name, text, expected, userId: user.id });
		if (!result.ok && result.reason === 'invalid')
			return fail(400, { ...keep, message: m.editor_invalid(), issues: [...own(result.issues, path), ...unknown] });
		if (!result.ok) return fail(refusalStatus(result.reason), { ...keep, message: refusalMessage(result.reason), refusal: result.reason });
		// The new lock goes back with the answer: the page's next (auto)save names it.
		return { saved: m.editor_saved(), issues: own(result.issues, path), draft: result.draftId, lock: result.lock };
	},
	preview: async (event) => {
		const { course, files, name, path } = await fileContext(event);
		const { text, keep } = await posted(event);
		if (text.length > MAX_TEXT) return fail(413, { ...keep, message: m.error_text_too_long() });
		const issues = [...own(checkWith(course.slug, files, name, text), path), ...(await unknownImages(text))];
		if (issues.some((i) => i.severity === 'error' && !i.quiz))
			return fail(400, { ...keep, issues, message: m.editor_preview_invalid() });
		const base = isPublicCourse(course) ? '/abierto' : '/cursos';
		return { ...keep, issues, preview: await renderText(text, `${base}/${course.slug}`) };
	},
	upload: async (event) => {
		const { user, course } = await fileContext(event);
		const form = await event.request.formData();
		const file = form.get('image');
		const alt = altText(form.get('alt'));
		if (!(file instanceof File) || file.size === 0) return fail(400, { upload: true, message: m.editor_image_missing() });
		if ('message' in alt) return fail(400, { upload: true, message: alt.message });
		if (file.size > MAX_IMAGE_BYTES) return fail(413, { upload: true, message: uploadRefusal('too-big') });
		const stored = await storeImage(getDb(), { bytes: new Uint8Array(await file.arrayBuffer()), userId: user.id, course: course.slug });
		if (!stored.ok) return fail(stored.reason === 'too-big' ? 413 : 415, { upload: true, message: uploadRefusal(stored.reason) });
		return { uploaded: `![${alt.alt}](${stored.path})` };
	}
};
