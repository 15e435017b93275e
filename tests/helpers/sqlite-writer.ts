// A second app process for the SQLite concurrency test: many short read-then-write transactions.
import { createDatabase } from '../../src/lib/server/db/connect.ts';

const [file, label, count] = process.argv.slice(2);
const db = createDatabase(`file:${file}`);
let failed = 0;
for (let i = 0; i < Number(count); i++) {
	try {
		await db.transaction().execute(async (trx) => {
			await trx.selectFrom('outbox').select('id').limit(1).execute();
			await new Promise((r) => setTimeout(r, 5));
			await trx
				.insertInto('outbox')
				.values({ to_address: label, subject: `${i}`, body_text: '', created_at: new Date().toISOString(), sent_at: null, error: null })
				.execute();
		});
	} catch {
		failed++;
	}
}
await db.destroy();
console.log(JSON.stringify({ failed }));
