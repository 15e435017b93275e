import { fail } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { rollBack } from '$lib/server/courses/authoring';
import { editorContext, expectedDraft, refusalMessage, refusalStatus } from '$lib/server/courses/editor-page';
import { fileName, listPublished, submitDraft } from '$lib/server/courses/revisions';
import { TEXT_FILE } from '$lib/server/courses/authoring';
import { getDb } from '$lib/server/db';
import { parseId } from '$lib/server/input/ids';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const { course, current, draft, files } = await editorContext(event);
	const versions = await listPublished(getDb(), course.slug);
	const titles = new Map(course.modules.map((x) => [`${x.slug}.md`, x.title]));
	return {
		course: { slug: course.slug, title: course.title, version: current.content_hash },
		draft: draft && {
			id: draft.id,
			lock: draft.lock,
			status: draft.status,
			version: draft.content_hash,
			updatedAt: draft.updated_at,
			comment: draft.comment
		},
		files: Object.keys(files)
			.map(fileName)
			.filter((n) => TEXT_FILE.test(n))
			.map((n) => ({
				param: n.slice(0, -'.md'.length),
				name: n,
				title: n === 'course.md' ? null : (titles.get(n) ?? null),
				quiz: Object.hasOwn(files, `content/courses/${course.slug}/${n.replace(/\.md$/, '.quiz.yaml')}`)
			})),
		versions: versions.map((v) => ({ ...v, current: v.content_hash === current.content_hash && v.id === current.id }))
	};
};

export const actions: Actions = {
	submit: async (event) => {
		const { user, draft } = await editorContext(event);
		const expected = expectedDraft(await event.request.formData());
		if (!draft || !expected) return fail(404, { message: m.editor_not_found() });
		const result = await submitDraft(getDb(), { id: expected.id, lock: expected.lock, userId: user.id });
		if (!result.ok) return fail(refusalStatus(result.reason), { message: refusalMessage(result.reason) });
		return { ok: m.editor_submitted() };
	},
	rollback: async (event) => {
		const { user, course } = await editorContext(event);
		const id = parseId(String((await event.request.formData()).get('revision') ?? ''));
		if (id === null) return fail(400, { message: m.editor_not_found() });
		const result = await rollBack(getDb(), { slug: course.slug, revisionId: id, userId: user.id });
		if (!result.ok) return fail(result.reason === 'not-found' ? 404 : 409, { message: refusalMessage(result.reason) });
		return { ok: m.editor_rolled_back({ version: result.revision.content_hash }) };
	}
};

