/**
 * npm run reports:rollup — checks the monthly report roll-up against a recount from the enrolments
 * and certificates of DATABASE_URL, and with --rebuild recomputes it first. The application keeps
 * the roll-up current itself; this is for after rows were written by other means (a bulk load,
 * a manual correction) or whenever a figure is in doubt. Exits 1 when they disagree.
 *
 *   npm run reports:rollup               # check only
 *   npm run reports:rollup -- --rebuild  # rebuild, then check
 */
import { compareReportRollup, rebuildReportRollup } from '../src/lib/server/reports/rollup.ts';
import { migrate, openDatabase } from './db.ts';

async function main() {
	const rebuild = process.argv.includes('--rebuild');
	const db = openDatabase();
	try {
		await migrate(db);
		if (rebuild) {
			const started = performance.now();
			console.log('reports:rollup: rebuilding from the enrolments and certificates…');
			const { rows } = await rebuildReportRollup(db);
			console.log(`reports:rollup: ${rows} rows in ${((performance.now() - started) / 1000).toFixed(1)} s`);
		}
		console.log('reports:rollup: checking against a recount…');
		const differences = await compareReportRollup(db);
		if (differences.length === 0) {
			console.log('reports:rollup: the roll-up matches the enrolments and certificates');
			return;
		}
		console.error(`reports:rollup: ${differences.length} rows differ (run with --rebuild to fix):`);
		for (const d of differences.slice(0, 20)) console.error(`  ${d.key}`);
		process.exitCode = 1;
	} finally {
		await db.destroy();
	}
}

main().catch((e) => {
	console.error(e instanceof Error ? e.message : e);
	process.exitCode = 1;
});
