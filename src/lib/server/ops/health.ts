/** The load balancer's question: can this instance reach its database? */
import { sql, type Kysely } from 'kysely';
import type { DB } from '../db/schema';

export type Health = { ok: true } | { ok: false; error: string };

let lastOk = true;

/** `select 1`, answered within `timeoutMs` (a hung database must not hang the health check). */
export async function checkDatabase(db: Kysely<DB>, timeoutMs = 2000): Promise<Health> {
	let timer: NodeJS.Timeout | undefined;
	const timeout = new Promise<never>((_, reject) => {
		timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
	});
	let health: Health;
	try {
		await Promise.race([sql`select 1`.execute(db), timeout]);
		health = { ok: true };
	} catch (e) {
		health = { ok: false, error: e instanceof Error ? e.message : String(e) };
	} finally {
		clearTimeout(timer);
	}
	// Health checks come every few seconds: log changes of state, not each check.
	if (health.ok !== lastOk) {
		if (health.ok) console.info('[health] database reachable again');
		else console.error(`[health] database unreachable: ${health.error}`);
		lastOk = health.ok;
	}
	return health;
}
