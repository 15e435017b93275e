/**
 * Images of course text (table course_images): uploaded once, kept by the SHA-256 of their bytes,
 * never deleted — a published version or a rollback may name any of them. Course text names an
 * image only as `/imagenes/<hash>.<ext>` (image-format.ts), which the validator and sanitiser hold to.
 */
import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import { recordAudit } from '../audit';
import type { DB } from '../db/schema';
import { formatOfMime, imagePath, imagesIn, sniffImage, type ImageFormat, type Sniffed } from './image-format';

/** 1 MB: a photo saved for the web is far smaller, and learners' connections are slow. */
export const MAX_IMAGE_BYTES = 1024 * 1024;

export type StoreRefusal = 'too-big' | Extract<Sniffed, { ok: false }>['found'];
export type Stored = { ok: true; hash: string; format: ImageFormat; path: string; created: boolean } | { ok: false; reason: StoreRefusal };

export const sha256Hex = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/**
 * Checks and stores an image (once: the same bytes again add nothing) and audits the upload.
 * `course`: the course whose editor it came from, for the audit log.
 */
export async function storeImage(
	db: Kysely<DB>,
	input: { bytes: Uint8Array; userId: number | null; course: string },
	now = new Date()
): Promise<Stored> {
	if (input.bytes.length > MAX_IMAGE_BYTES) return { ok: false, reason: 'too-big' };
	const sniffed = sniffImage(input.bytes);
	if (!sniffed.ok) return { ok: false, reason: sniffed.found };
	const hash = sha256Hex(input.bytes);
	const { format } = sniffed;
	const created = await db.transaction().execute(async (trx) => {
		const result = await trx
			.insertInto('course_images')
			.values({
				hash,
				mime: format.mime,
				bytes: input.bytes,
				size: input.bytes.length,
				uploaded_by: input.userId,
				created_at: now.toISOString()
			})
			.onConflict((oc) => oc.column('hash').doNothing())
			.returning('hash')
			.executeTakeFirst();
		const created = result !== undefined;
		await recordAudit(
			trx,
			{ actorId: input.userId, action: 'content.image.upload', targetType: 'course_image', targetId: hash, details: { course: input.course, mime: format.mime, size: input.bytes.length, created } },
			now
		);
		return created;
	});
	return { ok: true, hash, format, path: imagePath(hash, format), created };
}

/** An image's bytes and format, or undefined if none has this hash. */
export async function getImage(db: Kysely<DB>, hash: string): Promise<{ format: ImageFormat; bytes: Uint8Array } | undefined> {
	const row = await db.selectFrom('course_images').select(['mime', 'bytes']).where('hash', '=', hash).executeTakeFirst();
	const format = row && formatOfMime(row.mime);
	return format && { format, bytes: row.bytes };
}

/** Of these hashes, those no stored image has. */
export async function missingImages(db: Kysely<DB>, hashes: string[]): Promise<string[]> {
	if (!hashes.length) return [];
	const rows = await db.selectFrom('course_images').select('hash').where('hash', 'in', hashes).execute();
	const found = new Set(rows.map((r) => r.hash));
	return hashes.filter((h) => !found.has(h));
}

/**
 * Loads image files (from a course folder's images/): each must be PNG, JPEG or WebP by its bytes,
 * of at most MAX_IMAGE_BYTES, named by its own hash. Returns how many were new.
 */
export async function importImages(db: Kysely<DB>, files: { name: string; bytes: Uint8Array }[], course: string) {
	let added = 0;
	for (const f of files) {
		const sniffed = sniffImage(f.bytes);
		const where = `${course}/images/${f.name}`;
		if (!sniffed.ok || f.bytes.length > MAX_IMAGE_BYTES)
			throw new Error(`${where}: no es una imagen PNG, JPEG o WebP de 1 MB como máximo.`);
		const expected = `${sha256Hex(f.bytes)}.${sniffed.format.ext}`;
		if (f.name !== expected) throw new Error(`${where}: el nombre no corresponde al contenido (debería ser ${expected}).`);
		// Importing the same folder again adds nothing, not even to the audit log.
		if ((await missingImages(db, [sha256Hex(f.bytes)])).length === 0) continue;
		const stored = await storeImage(db, { bytes: f.bytes, userId: null, course });
		if (stored.ok && stored.created) added++;
	}
	return added;
}

/** The stored images a course's files name, as `<hash>.<ext>` files for its folder's images/. */
export async function imagesOfFiles(db: Kysely<DB>, files: Record<string, string>) {
	const named = new Map(Object.values(files).flatMap((text) => imagesIn(text).map((i) => [i.hash, i.ext] as const)));
	const out: { name: string; bytes: Uint8Array }[] = [];
	for (const [hash, ext] of named) {
		const image = await getImage(db, hash);
		if (image && image.format.ext === ext) out.push({ name: `${hash}.${ext}`, bytes: image.bytes });
	}
	return out;
}
