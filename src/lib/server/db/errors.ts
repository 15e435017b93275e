/**
 * Database errors a caller can answer with a message instead of a 500. Two requests that both
 * check "no such name yet" and then insert race; the unique index lets only one through, and the
 * other's error is recognised here on either dialect.
 */

/**
 * True for a unique-key violation: better-sqlite3's `SQLITE_CONSTRAINT_UNIQUE` (or
 * `…_PRIMARYKEY`) and PostgreSQL's SQLSTATE `23505`.
 * `try { … } catch (e) { if (isUniqueViolation(e)) return 'duplicate'; throw e; }`
 */
export function isUniqueViolation(error: unknown): boolean {
	if (typeof error !== 'object' || error === null || !('code' in error)) return false;
	const code = (error as { code: unknown }).code;
	return (
		code === '23505' ||
		code === 'SQLITE_CONSTRAINT_UNIQUE' ||
		code === 'SQLITE_CONSTRAINT_PRIMARYKEY'
	);
}

/** Runs `write`; a unique-key violation becomes `onDuplicate` instead of an error. */
export async function orOnDuplicate<T, D>(write: () => Promise<T>, onDuplicate: D): Promise<T | D> {
	try {
		return await write();
	} catch (e) {
		if (isUniqueViolation(e)) return onDuplicate;
		throw e;
	}
}
