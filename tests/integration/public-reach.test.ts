/**
 * Open courses on real databases: anonymous reach counts upserted per day, course and place
 * (concurrent events included), and the contact settings — audited, escaped when shown.
 */
import { describe, expect, it } from 'vitest';
import { listAudit } from '../../src/lib/server/audit';
import { countReach, reachByDay, reachByPlace } from '../../src/lib/server/public/reach';
import { contactsKey, fillContacts } from '../../src/lib/server/settings/contacts';
import { getSettings, saveSettings } from '../../src/lib/server/settings/repository';
import { newUser } from '../helpers/factories';
import { useTestDb, DIALECTS } from '../helpers/test-db';

const DAY1 = new Date('2026-12-01T10:00:00Z');
const DAY2 = new Date('2026-12-02T23:59:00Z');
const ALL = { from: '2026-01-01', to: '2026-12-31' };
const PLACEHOLDER = '<h2>Ayuda</h2><div class="contacts" data-aula-contacts=""></div><p>Fin</p>';

describe.each(DIALECTS)('open courses on %s', (dialect) => {
	const t = useTestDb(dialect);

	it('upserts one row per day, course and place, adding starts and completions', async () => {
		await countReach(t.db, 'starts', 'oferta-segura', 'cebaf-desaguadero', DAY1);
		await countReach(t.db, 'starts', 'oferta-segura', 'cebaf-desaguadero', DAY1);
		await countReach(t.db, 'completions', 'oferta-segura', 'cebaf-desaguadero', DAY1);
		await countReach(t.db, 'starts', 'oferta-segura', null, DAY1);
		await countReach(t.db, 'starts', 'oferta-segura', 'cebaf-desaguadero', DAY2);
		const rows = await reachByDay(t.db, ALL);
		expect(
			rows.map((r) => ({ ...r, starts: Number(r.starts), completions: Number(r.completions) }))
		).toEqual([
			{ day: '2026-12-01', course_slug: 'oferta-segura', place: '', starts: 1, completions: 0 },
			{
				day: '2026-12-01',
				course_slug: 'oferta-segura',
				place: 'cebaf-desaguadero',
				starts: 2,
				completions: 1
			},
			{
				day: '2026-12-02',
				course_slug: 'oferta-segura',
				place: 'cebaf-desaguadero',
				starts: 1,
				completions: 0
			}
		]);
	});

	it('loses no count when many visits start at once, from two app instances', async () => {
		const second = t.openSecond();
		const day = new Date('2026-06-15T12:00:00Z');
		await Promise.all(
			Array.from({ length: 20 }, (_, i) =>
				countReach(i % 2 ? t.db : second, 'starts', 'carrera', 'peaje', day)
			)
		);
		const rows = await reachByPlace(t.db, { from: '2026-06-15', to: '2026-06-15' });
		expect(rows).toEqual([{ courseSlug: 'carrera', place: 'peaje', starts: 20, completions: 0 }]);
	});

	it('sums a period by course and place, days outside it left out', async () => {
		const rows = await reachByPlace(t.db, { from: '2026-12-01', to: '2026-12-01' });
		expect(rows).toEqual([
			{ courseSlug: 'oferta-segura', place: 'cebaf-desaguadero', starts: 2, completions: 1 },
			{ courseSlug: 'oferta-segura', place: '', starts: 1, completions: 0 }
		]);
	});

	it('saves contact settings with an audit entry per change, and shows them escaped in place of <Contacts />', async () => {
		const admin = await newUser(t.db, { role: 'admin' });
		expect(await fillContacts(t.db, PLACEHOLDER)).toContain(
			'<div class="contacts"><p>Pregunta en la oficina de Migración o en la Policía más cercana.</p></div>'
		);
		const changed = await saveSettings(t.db, admin.id, {
			[contactsKey('BO')]: 'Línea **156** <script>x</script>',
			[contactsKey('PE')]: ''
		});
		expect(changed).toEqual(['contacts.BO']);
		expect(
			await saveSettings(t.db, admin.id, {
				[contactsKey('BO')]: 'Línea **156** <script>x</script>'
			})
		).toEqual([]);
		const audit = await listAudit(t.db, 10, { action: 'settings.update' });
		expect(audit).toHaveLength(1);
		expect(audit[0]).toMatchObject({ target_id: 'contacts.BO' });
		expect(JSON.parse(audit[0].details ?? '{}')).toEqual({
			before: '',
			after: 'Línea **156** <script>x</script>'
		});

		const html = await fillContacts(t.db, PLACEHOLDER);
		expect(html).toContain('<p>Línea <strong>156</strong> &lt;script&gt;x&lt;/script&gt;</p>');
		expect(html).not.toContain('<script>');
		expect(html).not.toContain('data-aula-contacts');
		expect(html).toMatch(/^<h2>Ayuda<\/h2><div class="contacts">.*<\/div><p>Fin<\/p>$/);

		await saveSettings(t.db, admin.id, { [contactsKey('BO')]: '' });
		expect((await getSettings(t.db, [contactsKey('BO')])).size).toBe(0);
		expect(await listAudit(t.db, 10, { action: 'settings.update' })).toHaveLength(2);
	});
});
