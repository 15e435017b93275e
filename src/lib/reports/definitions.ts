/** The definition of each report figure, in the reader's language (page help, PDF, docs/reports.md). */
import { m } from '$lib/paraglide/messages';
import type { FigureKey, Locale } from './format';

const DEFINITIONS: Record<FigureKey, (locale: Locale) => string> = {
	enrolled: (locale) => m.report_def_enrolled({}, { locale }),
	active: (locale) => m.report_def_active({}, { locale }),
	completed: (locale) => m.report_def_completed({}, { locale }),
	completionRate: (locale) => m.report_def_completion_rate({}, { locale }),
	averageScore: (locale) => m.report_def_average_score({}, { locale }),
	certificates: (locale) => m.report_def_certificates({}, { locale }),
	revoked: (locale) => m.report_def_revoked({}, { locale }),
	hours: (locale) => m.report_def_hours({}, { locale }),
	trained: (locale) => m.report_def_trained({}, { locale })
};

export const definitionOf = (key: FigureKey, locale: Locale) => DEFINITIONS[key](locale);
