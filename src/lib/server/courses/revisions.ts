/**
 * Course versions in the database (table course_revisions): the published text every app
 * instance serves, and the drafts trainers write, review and publish. A version's files are the
 * map loadCourses takes (`content/courses/<slug>/<file>` → text), so a stored version is checked
 * and built exactly like the files in the repository.
 */
import type { Kysely } from 'kysely';
import { recordAudit } from '../audit';
import type { CourseRevision, DB } from '../db/schema';
import { isUniqueViolation } from '../db/errors';
import { contentHash, loadCourses } from './load';
import type { ContentIssue, Course } from './types';

export type CourseFiles = Record<string, string>;

const ROOT = 'content/courses';
const OPEN = ['draft', 'review', 'returned'] as const;

export const coursePath = (slug: string, name: string) => `${ROOT}/${slug}/${name}`;
export const fileName = (path: string) => path.slice(path.lastIndexOf('/') + 1);

/**
 * Files of several courses (any folder above the course's, e.g. the test fixtures') grouped by
 * course slug, under `content/courses/<slug>/`.
 */
export function splitByCourse(files: CourseFiles): Map<string, CourseFiles> {
	const out = new Map<string, CourseFiles>();
	for (const [key, text] of Object.entries(files)) {
		const parts = key.replace(/^\.?\//, '').split('/');
		if (parts.length < 2) continue;
		const [slug, name] = parts.slice(-2);
		if (!out.has(slug)) out.set(slug, {});
		out.get(slug)![coursePath(slug, name)] = text;
	}
	return out;
}

export const parseFiles = (revision: Pick<CourseRevision, 'files'>): CourseFiles =>
	JSON.parse(revision.files) as CourseFiles;

/**
 * Checks one course's files as the catalog would build them: the other courses count only by
 * their slugs (prerequisites), so only their course.md is given. Returns this course's findings.
 */
export function checkCourseFiles(
	slug: string,
	files: CourseFiles,
	otherSlugs: Iterable<string>
): { course: Course | undefined; issues: ContentIssue[] } {
	const others: CourseFiles = {};
	for (const s of otherSlugs) if (s !== slug) others[coursePath(s, 'course.md')] = '';
	const { courses, issues } = loadCourses({ ...others, ...files });
	const mine = `${ROOT}/${slug}/`;
	return {
		course: courses.find((c) => c.slug === slug),
		issues: issues.filter((i) => i.file.startsWith(mine))
	};
}

/** The highest publication number: changes whenever any course is published. 0 when none is. */
export async function latestPublication(db: Kysely<DB>): Promise<number> {
	const row = await db
		.selectFrom('course_revisions')
		.select((eb) => eb.fn.max('publication').as('latest'))
		.executeTakeFirst();
	return Number(row?.latest ?? 0);
}

/** The current (latest published) version of every course. */
export function currentRevisions(db: Kysely<DB>): Promise<CourseRevision[]> {
	return db
		.selectFrom('course_revisions as r')
		.selectAll('r')
		.where((eb) =>
			eb(
				'r.publication',
				'=',
				eb
					.selectFrom('course_revisions as s')
					.select((e) => e.fn.max('s.publication').as('m'))
					.whereRef('s.course_slug', '=', 'r.course_slug')
			)
		)
		.orderBy('r.course_slug')
		.execute();
}

export function currentRevision(db: Kysely<DB>, slug: string) {
	return db
		.selectFrom('course_revisions')
		.selectAll()
		.where('course_slug', '=', slug)
		.where('publication', 'is not', null)
		.orderBy('publication', 'desc')
		.limit(1)
		.executeTakeFirst();
}

export function getRevision(db: Kysely<DB>, id: number) {
	return db.selectFrom('course_revisions').selectAll().where('id', '=', id).executeTakeFirst();
}

export function getOpenDraft(db: Kysely<DB>, slug: string) {
	return db
		.selectFrom('course_revisions')
		.selectAll()
		.where('course_slug', '=', slug)
		.where('status', 'in', OPEN)
		.executeTakeFirst();
}

/** The name of whoever started a draft, for the reviewer. */
export async function authorName(db: Kysely<DB>, revision: Pick<CourseRevision, 'author_id'>) {
	if (revision.author_id === null) return '';
	const row = await db.selectFrom('users').select('full_name').where('id', '=', revision.author_id).executeTakeFirst();
	return row?.full_name ?? '';
}

/** Every published version of a course, newest first, with who wrote and reviewed it. */
export function listPublished(db: Kysely<DB>, slug: string) {
	return db
		.selectFrom('course_revisions as r')
		.leftJoin('users as a', 'a.id', 'r.author_id')
		.leftJoin('users as v', 'v.id', 'r.reviewer_id')
		.select([
			'r.id',
			'r.content_hash',
			'r.source',
			'r.based_on',
			'r.publication',
			'r.published_at',
			'a.full_name as author_name',
			'v.full_name as reviewer_name'
		])
		.where('r.course_slug', '=', slug)
		.where('r.publication', 'is not', null)
		.orderBy('r.publication', 'desc')
		.execute();
}

async function nextPublication(trx: Kysely<DB>) {
	return (await latestPublication(trx)) + 1;
}

/**
 * Files → a new published version per course whose text the database has never published
 * (idempotent by content hash: importing the same files again, or files a trainer has since
 * replaced, adds nothing — bringing back an older text is a rollback). The caller has checked
 * the files (loadCourses without errors).
 */
export async function importCourses(
	db: Kysely<DB>,
	files: CourseFiles,
	actorId: number | null = null,
	now = new Date()
): Promise<{ imported: string[]; unchanged: string[] }> {
	const imported: string[] = [];
	const unchanged: string[] = [];
	for (const [slug, courseFiles] of splitByCourse(files)) {
		const hash = contentHash(courseFiles);
		const added = await db.transaction().execute(async (trx) => {
			const seen = await trx
				.selectFrom('course_revisions')
				.select('id')
				.where('course_slug', '=', slug)
				.where('content_hash', '=', hash)
				.where('publication', 'is not', null)
				.executeTakeFirst();
			if (seen) return false;
			const at = now.toISOString();
			const { id } = await trx
				.insertInto('course_revisions')
				.values({
					course_slug: slug,
					content_hash: hash,
					files: JSON.stringify(sortedFiles(courseFiles)),
					status: 'published',
					source: 'import',
					based_on: null,
					author_id: actorId,
					publication: await nextPublication(trx),
					created_at: at,
					updated_at: at,
					published_at: at
				})
				.returning('id')
				.executeTakeFirstOrThrow();
			await recordAudit(
				trx,
				{ actorId, action: 'content.import', targetType: 'course', targetId: slug, details: { revision: id, version: hash } },
				now
			);
			return true;
		});
		(added ? imported : unchanged).push(slug);
	}
	return { imported, unchanged };
}

function sortedFiles(files: CourseFiles): CourseFiles {
	return Object.fromEntries(Object.entries(files).sort(([a], [b]) => (a < b ? -1 : 1)));
}

export type DraftRefusal = 'stale' | 'in-review' | 'unchanged' | 'not-found' | 'own-draft' | 'not-in-review';

/**
 * Saves one file of a course's open draft (made from the current version on first save).
 * Optimistic: `expected` is the draft id and lock the form was opened on (null: no draft then);
 * if another save came in between, nothing is written and 'stale' comes back.
 */
export function saveDraftFile(
	db: Kysely<DB>,
	input: {
		slug: string;
		path: string;
		text: string;
		expected: { id: number; lock: number } | null;
		userId: number;
	},
	now = new Date()
): Promise<{ ok: true; draft: CourseRevision } | { ok: false; reason: DraftRefusal }> {
	const { path, text, ...rest } = input;
	return saveDraftFiles(db, { ...rest, changes: { [path]: text } }, now);
}

/** Sends the open draft to review; refused when it was saved since the form was shown. */
export async function submitDraft(
	db: Kysely<DB>,
	input: { id: number; lock: number; userId: number },
	now = new Date()
): Promise<{ ok: true } | { ok: false; reason: DraftRefusal }> {
	return db.transaction().execute(async (trx) => {
		const draft = await getRevision(trx, input.id);
		if (!draft || !(OPEN as readonly string[]).includes(draft.status))
			return { ok: false, reason: 'not-found' } as const;
		if (draft.lock !== input.lock) return { ok: false, reason: 'stale' } as const;
		if (draft.status === 'review') return { ok: false, reason: 'in-review' } as const;
		const current = await currentRevision(trx, draft.course_slug);
		if (current?.content_hash === draft.content_hash)
			return { ok: false, reason: 'unchanged' } as const;
		await trx
			.updateTable('course_revisions')
			.set({ status: 'review', submitted_at: now.toISOString(), updated_at: now.toISOString() })
			.where('id', '=', draft.id)
			.execute();
		await audit(trx, input.userId, 'content.review.submit', draft.id, { version: draft.content_hash }, now);
		return { ok: true } as const;
	});
}

/** Whoever saved a draft wrote it, and may not review it. */
async function isEditorOf(trx: Kysely<DB>, revisionId: number, userId: number) {
	const row = await trx
		.selectFrom('audit_log')
		.select('id')
		.where('action', '=', 'content.draft.save')
		.where('target_type', '=', 'course_revision')
		.where('target_id', '=', String(revisionId))
		.where('actor_id', '=', userId)
		.executeTakeFirst();
	return row !== undefined;
}

/**
 * A second trainer's decision on a draft in review: approve publishes it as the course's new
 * current version; return sends it back to its authors with a comment. `check` validates the
 * files once more (the catalog may have changed since the draft was saved).
 */
export async function decideReview(
	db: Kysely<DB>,
	input: { id: number; lock: number; userId: number; decision: 'approve' | 'return'; comment: string },
	check: (files: CourseFiles) => boolean,
	now = new Date()
): Promise<{ ok: true; revision: CourseRevision } | { ok: false; reason: DraftRefusal | 'invalid' }> {
	return db.transaction().execute(async (trx) => {
		const draft = await getRevision(trx, input.id);
		if (!draft) return { ok: false, reason: 'not-found' } as const;
		if (draft.status !== 'review') return { ok: false, reason: 'not-in-review' } as const;
		if (draft.lock !== input.lock) return { ok: false, reason: 'stale' } as const;
		if (await isEditorOf(trx, draft.id, input.userId)) return { ok: false, reason: 'own-draft' } as const;
		const at = now.toISOString();
		if (input.decision === 'return') {
			await trx
				.updateTable('course_revisions')
				.set({ status: 'returned', reviewer_id: input.userId, comment: input.comment, updated_at: at })
				.where('id', '=', draft.id)
				.execute();
			await audit(trx, input.userId, 'content.review.return', draft.id, { comment: input.comment }, now);
		} else {
			if (!check(parseFiles(draft))) return { ok: false, reason: 'invalid' } as const;
			await trx
				.updateTable('course_revisions')
				.set({
					status: 'published',
					reviewer_id: input.userId,
					comment: input.comment || null,
					publication: await nextPublication(trx),
					published_at: at,
					updated_at: at
				})
				.where('id', '=', draft.id)
				.execute();
			await audit(trx, input.userId, 'content.publish', draft.id, { version: draft.content_hash, course: draft.course_slug }, now);
		}
		return { ok: true, revision: (await getRevision(trx, draft.id))! } as const;
	});
}

/** Publishes an earlier published version's files again, as the course's new current version. */
export async function rollback(
	db: Kysely<DB>,
	input: { slug: string; revisionId: number; userId: number },
	now = new Date()
): Promise<{ ok: true; revision: CourseRevision } | { ok: false; reason: 'not-found' | 'unchanged' }> {
	return db.transaction().execute(async (trx) => {
		const target = await getRevision(trx, input.revisionId);
		if (!target || target.course_slug !== input.slug || target.publication === null)
			return { ok: false, reason: 'not-found' } as const;
		const current = await currentRevision(trx, input.slug);
		if (current?.content_hash === target.content_hash) return { ok: false, reason: 'unchanged' } as const;
		const at = now.toISOString();
		const { id } = await trx
			.insertInto('course_revisions')
			.values({
				course_slug: target.course_slug,
				content_hash: target.content_hash,
				files: target.files,
				status: 'published',
				source: 'rollback',
				based_on: target.id,
				author_id: input.userId,
				publication: await nextPublication(trx),
				created_at: at,
				updated_at: at,
				published_at: at
			})
			.returning('id')
			.executeTakeFirstOrThrow();
		await audit(trx, input.userId, 'content.rollback', id, { to: target.id, version: target.content_hash, course: input.slug }, now);
		return { ok: true, revision: (await getRevision(trx, id))! } as const;
	});
}

function audit(
	trx: Kysely<DB>,
	actorId: number,
	action: string,
	revisionId: number,
	details: Record<string, unknown>,
	now: Date
) {
	return recordAudit(trx, { actorId, action, targetType: 'course_revision', targetId: revisionId, details }, now);
}

/**
 * Changes several files of a course's open draft at once (`changes`: path → text, or null to
 * delete the file), in one transaction; the draft is made from the current version on first save.
 * Optimistic, as saveDraftFile: with another save in between, nothing is written ('stale').
 * Each change is audited as a save. The caller has checked the files.
 */
export async function saveDraftFiles(
	db: Kysely<DB>,
	input: {
		slug: string;
		changes: Record<string, string | null>;
		expected: { id: number; lock: number } | null;
		userId: number;
	},
	now = new Date()
): Promise<{ ok: true; draft: CourseRevision } | { ok: false; reason: DraftRefusal }> {
	const apply = (files: CourseFiles) => {
		const out = { ...files };
		for (const [path, text] of Object.entries(input.changes)) {
			if (text === null) delete out[path];
			else out[path] = text;
		}
		return sortedFiles(out);
	};
	const audited = async (trx: Kysely<DB>, id: number) => {
		for (const [path, text] of Object.entries(input.changes))
			await audit(trx, input.userId, 'content.draft.save', id, text === null ? { file: path, deleted: true } : { file: path }, now);
	};
	try {
		return await db.transaction().execute(async (trx) => {
			const at = now.toISOString();
			const draft = await getOpenDraft(trx, input.slug);
			if (!draft) {
				if (input.expected) return { ok: false, reason: 'stale' } as const;
				const base = await currentRevision(trx, input.slug);
				if (!base) return { ok: false, reason: 'not-found' } as const;
				const files = apply(parseFiles(base));
				const { id } = await trx
					.insertInto('course_revisions')
					.values({
						course_slug: input.slug,
						content_hash: contentHash(files),
						files: JSON.stringify(files),
						status: 'draft',
						source: 'editor',
						based_on: base.id,
						author_id: input.userId,
						lock: 1,
						created_at: at,
						updated_at: at
					})
					.returning('id')
					.executeTakeFirstOrThrow();
				await audited(trx, id);
				return { ok: true, draft: (await getRevision(trx, id))! } as const;
			}
			if (!input.expected || input.expected.id !== draft.id || input.expected.lock !== draft.lock)
				return { ok: false, reason: 'stale' } as const;
			if (draft.status === 'review') return { ok: false, reason: 'in-review' } as const;
			const files = apply(parseFiles(draft));
			const updated = await trx
				.updateTable('course_revisions')
				.set({ files: JSON.stringify(files), content_hash: contentHash(files), status: 'draft', lock: draft.lock + 1, updated_at: at })
				.where('id', '=', draft.id)
				.where('lock', '=', draft.lock)
				.executeTakeFirst();
			if (Number(updated.numUpdatedRows) !== 1) return { ok: false, reason: 'stale' } as const;
			await audited(trx, draft.id);
			return { ok: true, draft: (await getRevision(trx, draft.id))! } as const;
		});
	} catch (e) {
		// Two first saves at once: the one-open-draft index lets one through.
		if (isUniqueViolation(e)) return { ok: false, reason: 'stale' };
		throw e;
	}
}

/**
 * Deletes a course's open draft (the published versions stay as they are). Only whoever started
 * it, or an admin; not while a reviewer has it; refused when it was saved since the form was shown.
 */
export async function discardDraft(
	db: Kysely<DB>,
	input: { slug: string; id: number; lock: number; userId: number; admin: boolean },
	now = new Date()
): Promise<{ ok: true } | { ok: false; reason: 'not-found' | 'stale' | 'in-review' | 'not-author' }> {
	return db.transaction().execute(async (trx) => {
		const draft = await getRevision(trx, input.id);
		if (!draft || draft.course_slug !== input.slug || !(OPEN as readonly string[]).includes(draft.status))
			return { ok: false, reason: 'not-found' } as const;
		if (!input.admin && draft.author_id !== input.userId) return { ok: false, reason: 'not-author' } as const;
		if (draft.lock !== input.lock) return { ok: false, reason: 'stale' } as const;
		if (draft.status === 'review') return { ok: false, reason: 'in-review' } as const;
		const deleted = await trx
			.deleteFrom('course_revisions')
			.where('id', '=', draft.id)
			.where('lock', '=', draft.lock)
			.where('status', 'in', ['draft', 'returned'])
			.executeTakeFirst();
		if (Number(deleted.numDeletedRows) !== 1) return { ok: false, reason: 'stale' } as const;
		await audit(trx, input.userId, 'content.draft.discard', draft.id, { course: draft.course_slug, version: draft.content_hash }, now);
		return { ok: true } as const;
	});
}
