/**
 * What the editor at /contenido does, over revisions.ts: a save is checked against the whole
 * course first and refused (nothing written) on any validator error; a publication or rollback
 * reloads this process's catalog at once (other instances follow within REFRESH_INTERVAL_MS) and
 * records the version for reports.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema';
import { syncCourseVersions } from '../enrolment/repository';
import { getCatalog, listCourses, refreshCatalog } from './catalog';
import {
	checkCourseFiles,
	coursePath,
	currentRevision,
	decideReview,
	getOpenDraft,
	parseFiles,
	rollback,
	saveDraftFiles,
	type CourseFiles,
	type DraftRefusal
} from './revisions';
import type { ContentIssue } from './types';

/** Files a trainer edits as text: course.md, modules and their translations (not quizzes). */
export const TEXT_FILE = /^(course|\d{2}-[a-z0-9-]+(\.(qu|ay|gn))?)\.md$/;

const otherSlugs = () => getCatalog().courses.map((c) => c.slug);

/** CRLF from a textarea becomes LF, so a save that changes nothing keeps the version's hash. */
export const normalizeText = (text: string) => text.replace(/\r\n?/g, '\n');

/** The files the editor shows: the open draft's if there is one, else the current version's. */
export async function editorState(db: Kysely<DB>, slug: string) {
	const [current, draft] = await Promise.all([currentRevision(db, slug), getOpenDraft(db, slug)]);
	if (!current) return undefined;
	return { current, draft, files: parseFiles(draft ?? current) };
}

/** A course's files with several files changed (name → text) or deleted (name → null). */
export function withChanges(slug: string, files: CourseFiles, changes: Record<string, string | null>): CourseFiles {
	const out = { ...files };
	for (const [name, text] of Object.entries(changes)) {
		if (text === null) delete out[coursePath(slug, name)];
		else out[coursePath(slug, name)] = text;
	}
	return out;
}

/** Validator findings for a course's files with several files changed or deleted. */
export function checkChanges(slug: string, files: CourseFiles, changes: Record<string, string | null>) {
	return checkCourseFiles(slug, withChanges(slug, files, changes), otherSlugs()).issues;
}

/** Validator findings for a course's files with one file replaced, for this course only. */
export const checkWith = (slug: string, files: CourseFiles, name: string, text: string) =>
	checkChanges(slug, files, { [name]: text });

/** The course as these files build it (e.g. a draft's), or undefined when they cannot. */
export const courseOf = (slug: string, files: CourseFiles) => checkCourseFiles(slug, files, otherSlugs()).course;

export type SaveOutcome =
	| { ok: true; issues: ContentIssue[]; draftId: number; lock: number }
	| { ok: false; reason: 'invalid'; issues: ContentIssue[] }
	| { ok: false; reason: DraftRefusal };

/** Saves one file of the draft: saveDraftChanges with one change. */
export function saveText(
	db: Kysely<DB>,
	input: { slug: string; name: string; text: string; expected: { id: number; lock: number } | null; userId: number }
): Promise<SaveOutcome> {
	const { name, text, ...rest } = input;
	return saveDraftChanges(db, { ...rest, changes: { [name]: text } });
}

/**
 * Saves several files of the draft at once (file name → text, or null to delete it): the whole
 * course with every change is checked first, and all or none are written.
 */
export async function saveDraftChanges(
	db: Kysely<DB>,
	input: {
		slug: string;
		changes: Record<string, string | null>;
		expected: { id: number; lock: number } | null;
		userId: number;
	}
): Promise<SaveOutcome> {
	const state = await editorState(db, input.slug);
	if (!state) return { ok: false, reason: 'not-found' };
	const changes = Object.fromEntries(
		Object.entries(input.changes).map(([name, text]) => [name, text === null ? null : normalizeText(text)])
	);
	const issues = checkChanges(input.slug, state.files, changes);
	if (issues.some((i) => i.severity === 'error')) return { ok: false, reason: 'invalid', issues };
	const saved = await saveDraftFiles(db, {
		slug: input.slug,
		changes: Object.fromEntries(Object.entries(changes).map(([name, text]) => [coursePath(input.slug, name), text])),
		expected: input.expected,
		userId: input.userId
	});
	if (!saved.ok) return saved;
	return { ok: true, issues, draftId: saved.draft.id, lock: saved.draft.lock };
}

/** After a publication: this process serves it now, and reports know the version. */
async function published(db: Kysely<DB>) {
	await refreshCatalog(db, { force: true });
	await syncCourseVersions(db, listCourses());
}

export async function review(
	db: Kysely<DB>,
	input: { id: number; lock: number; userId: number; decision: 'approve' | 'return'; comment: string }
) {
	const result = await decideReview(db, input, (files) => {
		const slug = Object.keys(files)[0]?.split('/')[2] ?? '';
		return !checkCourseFiles(slug, files, otherSlugs()).issues.some((i) => i.severity === 'error');
	});
	if (result.ok && input.decision === 'approve') await published(db);
	return result;
}

export async function rollBack(db: Kysely<DB>, input: { slug: string; revisionId: number; userId: number }) {
	const result = await rollback(db, input);
	if (result.ok) await published(db);
	return result;
}
