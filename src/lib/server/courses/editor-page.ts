/** Shared by the editor's routes: who may edit, and the course and its editable state. */
import { error, type RequestEvent } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { requireRole } from '../auth/guard';
import { getDb } from '../db';
import { parseId } from '../input/ids';
import { editorState } from './authoring';
import { getCatalog } from './catalog';
import type { DraftRefusal } from './revisions';

export async function editorContext(event: Pick<RequestEvent, 'locals' | 'url' | 'params'>) {
	const user = requireRole(event, 'trainer', 'admin');
	const slug = event.params.slug ?? '';
	const course = getCatalog().courses.find((c) => c.slug === slug);
	const state = course && (await editorState(getDb(), slug));
	if (!course || !state) error(404, m.error_not_found());
	return { user, course, ...state };
}

/** `draft` and `lock` of the form: the draft it was opened on, or none. */
export function expectedDraft(form: FormData): { id: number; lock: number } | null {
	const id = parseId(String(form.get('draft') ?? ''));
	const lock = Number(form.get('lock'));
	return id === null || !Number.isInteger(lock) ? null : { id, lock };
}

export function refusalMessage(reason: DraftRefusal | 'invalid'): string {
	switch (reason) {
		case 'stale':
			return m.editor_stale();
		case 'in-review':
			return m.editor_in_review();
		case 'unchanged':
			return m.editor_unchanged();
		case 'own-draft':
			return m.editor_own_draft();
		case 'not-in-review':
			return m.editor_not_in_review();
		case 'invalid':
			return m.editor_draft_invalid();
		default:
			return m.editor_not_found();
	}
}

export const refusalStatus = (reason: DraftRefusal | 'invalid') =>
	reason === 'not-found' ? 404 : reason === 'own-draft' ? 403 : reason === 'invalid' ? 400 : 409;
