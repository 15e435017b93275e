/**
 * What the cohort pages accept: the cohort form (a zod schema whose messages are message keys, see
 * ../forms) and the learner filter of the dashboard's query string.
 */
import { z } from 'zod';
import { fields } from '../forms';

const date = fields.date;
const optionalDate = fields.optionalDate;

export const CohortForm = z
	.object({
		name: fields.line(160).pipe(z.string().min(3, 'error_required')),
		courseSlug: z.string({ error: 'error_required' }).min(1, 'error_required'),
		startsOn: date,
		endsOn: date,
		deadlineOn: date,
		requiresAttendance: z
			.string()
			.optional()
			.transform((v) => v === 'on'),
		inPersonOn: optionalDate,
		inPersonPlace: fields.optionalText(200)
	})
	.refine((f) => f.endsOn >= f.startsOn, {
		path: ['endsOn'],
		message: 'cohort_error_end_before_start'
	})
	.refine((f) => f.deadlineOn >= f.startsOn, {
		path: ['deadlineOn'],
		message: 'cohort_error_deadline'
	})
	.refine((f) => !f.requiresAttendance || (f.inPersonOn && f.inPersonPlace), {
		path: ['inPersonOn'],
		message: 'cohort_error_in_person'
	});
export type CohortForm = z.infer<typeof CohortForm>;

/** A learner's state in a cohort, as the dashboard counts and filters them. */
export type LearnerState = 'not-started' | 'in-progress' | 'completed' | 'withdrawn';
export const LEARNER_STATES: LearnerState[] = [
	'not-started',
	'in-progress',
	'completed',
	'withdrawn'
];

export type LearnerFilter = { state?: LearnerState | 'overdue' | 'behind'; q?: string };
export const LEARNER_FILTER_STATES = [...LEARNER_STATES, 'behind', 'overdue'] as const;

/** The filter from a page's query: ?estado=overdue&q=ana (unknown states are ignored). */
export function learnerFilter(params: URLSearchParams): LearnerFilter {
	const state = params.get('estado') ?? '';
	return {
		state: (LEARNER_FILTER_STATES as readonly string[]).includes(state)
			? (state as LearnerFilter['state'])
			: undefined,
		q: (params.get('q') ?? '').slice(0, 100) || undefined
	};
}
