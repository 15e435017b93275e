import { describe, expect, it } from 'vitest';
import { emptySums } from './aggregate';
import { enrolmentFacts, type EnrolmentFactsRow } from './person-facts';

const row = (over: Partial<EnrolmentFactsRow>): EnrolmentFactsRow => ({
	institutionId: 3,
	unitId: 7,
	country: 'BO',
	course: 'frontera',
	status: 'active',
	enrolledAt: '2025-03-01T10:00:00.000Z',
	lastActivityAt: '2025-03-01T10:00:00.000Z',
	completedAt: null,
	finalScore: null,
	hours: null,
	issuedAt: null,
	revokedAt: null,
	...over
});
const where = { institutionId: 3, unitId: 7, country: 'BO', course: 'frontera' };

describe('enrolmentFacts', () => {
	it('counts a new enrolment as enrolled and active in its month', () => {
		expect(enrolmentFacts([row({})])).toEqual([
			{ ...emptySums(), ...where, month: '2025-03', enrolled: 1, active: 1 }
		]);
	});

	it('puts each date in its own month: completion with score and hours, certificate', () => {
		const facts = enrolmentFacts([
			row({
				status: 'completed',
				lastActivityAt: '2025-04-30T23:59:59.999Z',
				completedAt: '2025-04-30T23:59:59.999Z',
				finalScore: 87.35,
				hours: '2.5', // PostgreSQL returns some numbers as strings
				issuedAt: '2025-05-01T00:00:00.000Z'
			})
		]);
		expect(facts).toEqual([
			{ ...emptySums(), ...where, month: '2025-03', enrolled: 1, enrolledCompleted: 1 },
			{
				...emptySums(),
				...where,
				month: '2025-04',
				active: 1,
				completed: 1,
				scoreCenti: 8735,
				scoreCount: 1,
				hoursCenti: 250
			},
			{ ...emptySums(), ...where, month: '2025-05', certificates: 1 }
		]);
	});

	it('leaves a withdrawn enrolment out of "enrolled" but keeps its activity; counts a revoked certificate apart', () => {
		const facts = enrolmentFacts([
			row({ status: 'withdrawn', unitId: null }),
			row({
				course: 'ley-263-policia',
				completedAt: '2025-03-05T00:00:00.000Z',
				issuedAt: '2025-03-06T00:00:00.000Z',
				revokedAt: '2025-03-10T00:00:00.000Z'
			})
		]);
		const sum = (k: keyof ReturnType<typeof emptySums>) => facts.reduce((n, f) => n + f[k], 0);
		expect([sum('enrolled'), sum('active'), sum('completed'), sum('scoreCount')]).toEqual([
			1, 2, 1, 0
		]);
		expect([sum('certificates'), sum('revoked')]).toEqual([0, 1]);
		expect(facts.find((f) => f.unitId === null)).toMatchObject({ enrolled: 0, active: 1 });
	});
});
