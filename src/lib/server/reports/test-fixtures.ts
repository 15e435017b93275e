/** A small report as plain data, for the renderer tests (CSV, XLSX, PDF) and the docs image. */
import type { Figures, ReportData } from '$lib/reports/types';

export const fig = (
	enrolled: number,
	active: number,
	completed: number,
	rate: number | null,
	score: number | null,
	certificates: number,
	revoked: number,
	hours: number,
	trained: number | null
): Figures => ({
	enrolled,
	active,
	completed,
	completionRate: rate,
	averageScore: score,
	certificates,
	revoked,
	hours,
	trained
});

export function sampleReport(overrides: Partial<ReportData> = {}): ReportData {
	return {
		kind: 'council',
		filter: {
			from: '2025-01-01',
			to: '2025-03-31',
			country: 'all',
			course: null,
			department: null
		},
		institution: null,
		generatedAt: '2026-01-15T14:30:00.000Z',
		total: fig(1234, 1100, 640, 0.5187, 82.25, 600, 12, 2830, 512),
		countries: [
			{ country: 'BO', figures: fig(1000, 900, 520, 0.52, 81.5, 490, 10, 2300, 420) },
			{ country: 'PE', figures: fig(234, 200, 120, 0.5128, 85.5, 110, 2, 530, 92) }
		],
		groups: [
			{
				id: 5,
				name: 'Policía Boliviana',
				shortName: null,
				country: 'BO',
				figures: fig(700, 650, 300, 0.4286, 80, 290, 5, 1500, 260)
			},
			{
				id: 2,
				name: 'Ministerio de Relaciones Exteriores',
				shortName: 'MRE',
				country: 'BO',
				figures: fig(300, 250, 220, 0.7333, 84, 200, 5, 800, 160)
			},
			{
				id: 30,
				name: 'Superintendencia Nacional de Migraciones',
				shortName: null,
				country: 'PE',
				figures: fig(234, 200, 120, 0.5128, 85.5, 110, 2, 530, 92)
			},
			{
				id: null,
				name: null,
				shortName: null,
				country: null,
				figures: fig(0, 0, 0, null, null, 0, 0, 0, 0)
			}
		],
		courses: [
			{
				slug: 'frontera',
				title: 'Lucha contra la Trata y Tráfico de Personas en Frontera',
				figures: fig(800, 700, 400, 0.5, 83, 380, 8, 1600, 400)
			},
			{
				slug: 'ley-263-policia',
				title: 'Ley N° 263 — para la Policía Boliviana',
				figures: fig(434, 400, 240, 0.55, 81, 220, 4, 1230, 240)
			}
		],
		months: [
			{ month: '2025-01', figures: fig(400, 380, 200, 0.5, 80, 190, 4, 900, null) },
			{ month: '2025-02', figures: fig(434, 370, 220, 0.52, 83, 210, 4, 980, null) },
			{ month: '2025-03', figures: fig(400, 350, 220, 0.53, 83.5, 200, 4, 950, null) }
		],
		...overrides
	};
}
