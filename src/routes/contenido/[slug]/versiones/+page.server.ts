import { error, fail } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { hasRole } from '$lib/server/auth/roles';
import { compareQuizFiles } from '$lib/server/courses/compare';
import { filesDiff } from '$lib/server/courses/diff';
import { editorContext, expectedDraft } from '$lib/server/courses/editor-page';
import {
	discardDraft,
	getRevision,
	listPublished,
	parseFiles
} from '$lib/server/courses/revisions';
import { getDb } from '$lib/server/db';
import { parseId } from '$lib/server/input/ids';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const { user, course, current, draft } = await editorContext(event);
	const db = getDb();
	const published = await listPublished(db, course.slug);
	// What may be compared: this course's published versions and its open draft, nothing else.
	const choices = [
		...(draft
			? [{ id: draft.id, version: draft.content_hash, publication: null, at: draft.updated_at }]
			: []),
		...published.map((v) => ({
			id: v.id,
			version: v.content_hash,
			publication: v.publication,
			at: v.published_at
		}))
	];
	const pick = (name: 'de' | 'a', fallback: number) => {
		const raw = event.url.searchParams.get(name);
		if (raw === null || raw === '') return fallback;
		const id = parseId(raw);
		if (id === null || !choices.some((c) => c.id === id)) error(400, m.versions_unknown());
		return id;
	};
	// By default: the current version against the draft, or the previous version against the current.
	const to = pick('a', draft?.id ?? current.id);
	const from = pick('de', draft ? current.id : (published[1]?.id ?? current.id));
	const [a, b] = await Promise.all([getRevision(db, from), getRevision(db, to)]);
	if (!a || !b) error(400, m.versions_unknown()); // deleted since the list was read
	const before = parseFiles(a);
	const after = parseFiles(b);
	return {
		course: { slug: course.slug, title: course.title },
		choices,
		from,
		to,
		diff: filesDiff(before, after),
		quizzes: compareQuizFiles(before, after),
		draft: draft && {
			id: draft.id,
			lock: draft.lock,
			version: draft.content_hash,
			inReview: draft.status === 'review',
			mayDiscard: draft.author_id === user.id || hasRole(user, 'admin')
		}
	};
};

export const actions: Actions = {
	discard: async (event) => {
		const { user, course } = await editorContext(event);
		const form = await event.request.formData();
		const expected = expectedDraft(form);
		if (!expected) return fail(404, { message: m.editor_not_found() });
		if (form.get('confirm') !== 'yes')
			return fail(400, { message: m.versions_discard_unconfirmed() });
		const result = await discardDraft(getDb(), {
			slug: course.slug,
			...expected,
			userId: user.id,
			admin: hasRole(user, 'admin')
		});
		if (result.ok) return { ok: m.versions_discarded() };
		switch (result.reason) {
			case 'not-author':
				return fail(403, { message: m.versions_discard_not_author() });
			case 'in-review':
				return fail(409, { message: m.versions_discard_in_review() });
			case 'stale':
				return fail(409, { message: m.versions_discard_stale() });
			default:
				return fail(404, { message: m.editor_not_found() });
		}
	}
};
