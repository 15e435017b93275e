import { fail } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { review } from '$lib/server/courses/authoring';
import { filesDiff } from '$lib/server/courses/diff';
import { editorContext, expectedDraft, refusalMessage, refusalStatus } from '$lib/server/courses/editor-page';
import { authorName, parseFiles } from '$lib/server/courses/revisions';
import { getDb } from '$lib/server/db';
import { isSingleLineText } from '$lib/server/input/text';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

export const load: PageServerLoad = async (event) => {
	const { course, current, draft } = await editorContext(event);
	const inReview = draft?.status === 'review' ? draft : undefined;
	const author = inReview ? await authorName(getDb(), inReview) : '';
	return {
		course: { slug: course.slug, title: course.title, version: current.content_hash },
		draft: inReview && {
			id: inReview.id,
			lock: inReview.lock,
			version: inReview.content_hash,
			author,
			submittedAt: inReview.submitted_at
		},
		diff: inReview ? filesDiff(parseFiles(current), parseFiles(inReview)) : []
	};
};

async function decide(event: RequestEvent, decision: 'approve' | 'return') {
	const { user } = await editorContext(event);
	const form = await event.request.formData();
	const comment = String(form.get('comment') ?? '').replace(/\r\n?/g, '\n').trim();
	const expected = expectedDraft(form);
	if (!expected) return fail(404, { message: m.editor_not_found(), comment });
	if (comment.length > 2000 || comment.split('\n').some((l) => l && !isSingleLineText(l)))
		return fail(400, { message: m.error_text_too_long(), comment });
	if (decision === 'return' && !comment) return fail(400, { message: m.review_comment_required(), comment });
	const result = await review(getDb(), { ...expected, userId: user.id, decision, comment });
	if (!result.ok) return fail(refusalStatus(result.reason), { message: refusalMessage(result.reason), comment });
	return {
		ok: decision === 'approve' ? m.review_approved({ version: result.revision.content_hash }) : m.review_returned()
	};
}

export const actions: Actions = {
	approve: (event) => decide(event, 'approve'),
	return: (event) => decide(event, 'return')
};
