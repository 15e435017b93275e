// Another process holding SQLite's write lock: BEGIN IMMEDIATE, say "locked", hold it for the
// given milliseconds, commit, say "released".
import Database from 'better-sqlite3';

const [file, holdMs] = process.argv.slice(2);
const db = new Database(file);
db.exec('begin immediate');
db.prepare(
	"insert into outbox (to_address, subject, body_text, created_at) values ('holder@example.org', 'held', '', '2026-01-01')"
).run();
console.log('locked');
setTimeout(() => {
	db.exec('commit');
	db.close();
	console.log('released');
}, Number(holdMs));
