/**
 * The large data set of `npm run seed:large`, generated deterministically: every learner and
 * enrolment draws from its own seeded PRNG, so a second pass regenerates exactly the same rows
 * (the script counts in one pass and writes in the next). Pure: no database here.
 */

export const LEARNERS = 100_000;
export const ATTEMPTS = 1_000_000;
/** Two years of activity, fixed so every run produces the same rows. */
export const START = Date.parse('2024-11-01T00:00:00.000Z');
export const END = Date.parse('2026-10-31T23:59:59.000Z');
/** Courses changed once: enrolments and completions before this date are of the earlier version. */
export const VERSION_SWITCH = Date.parse('2025-11-15T00:00:00.000Z');
const DAY = 86_400_000;

/** mulberry32: small, fast, good enough for test data. */
export function mulberry32(seed: number): () => number {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

/** A PRNG of its own for each (kind, index), independent of generation order. */
export function rngFor(kind: number, index: number): () => number {
	let h = Math.imul(kind ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(index + 1, 0xc2b2ae35) ^ 2026;
	h = Math.imul(h ^ (h >>> 16), 0x7feb352d);
	h = Math.imul(h ^ (h >>> 15), 0x846ca68b);
	return mulberry32(h ^ (h >>> 16));
}

const pick = <T>(rng: () => number, list: readonly T[]): T => list[Math.floor(rng() * list.length)];
const iso = (ms: number) => new Date(ms).toISOString();

const FIRST = [
	'Ana',
	'Luis',
	'María',
	'Juan',
	'Rosa',
	'Carlos',
	'Elena',
	'Jorge',
	'Lucía',
	'Marco',
	'Sonia',
	'Pedro',
	'Gladys',
	'Wilmer',
	'Ximena',
	'Rubén',
	'Patricia',
	'Edwin',
	'Norma',
	'Fernando',
	'Inés',
	'Álvaro',
	'Jhenny',
	'Óscar',
	'Nélida',
	'Germán',
	'Roxana',
	'Iván',
	'Teresa',
	'Julio'
];
const LAST = [
	'Mamani',
	'Quispe',
	'Condori',
	'Choque',
	'Flores',
	'Gutiérrez',
	'Rojas',
	'Vargas',
	'Huanca',
	'Apaza',
	'Ticona',
	'Limachi',
	'Pérez',
	'Torrez',
	'Cruz',
	'Chávez',
	'Ramos',
	'Mendoza',
	'Villca',
	'Yupanqui',
	'Huamán',
	'Ccori',
	'Salazar',
	'Núñez',
	'Ortiz',
	'Paredes',
	'Zárate',
	'Aguilar',
	'Calle',
	'Añez'
];

export type SeedInstitution = {
	id: number;
	name: string;
	country: 'BO' | 'PE';
	sector: string;
	unitIds: number[];
};

/** How many staff an institution sends to training, relative to the others. */
export function institutionWeight(i: Pick<SeedInstitution, 'sector' | 'country'>): number {
	const bySector: Record<string, number> = {
		police: 14,
		border: 7,
		prosecution: 6,
		consular: 5,
		justice: 3,
		labour: 2,
		social: 2,
		government: 1.5,
		council: 0.8
	};
	return (bySector[i.sector] ?? 1) * (i.country === 'PE' ? 0.8 : 1);
}

export type Learner = {
	email: string;
	fullName: string;
	country: 'BO' | 'PE';
	institutionId: number;
	unitId: number | null;
	createdAt: number;
};

/** Learner number `n` (0-based), placed by weight in one of `institutions`. */
export function learner(n: number, institutions: SeedInstitution[], cumulative: number[]): Learner {
	const rng = rngFor(1, n);
	const x = rng() * cumulative[cumulative.length - 1];
	const inst = institutions[cumulative.findIndex((c) => x < c)];
	const unitId = inst.unitIds.length && rng() < 0.9 ? pick(rng, inst.unitIds) : null;
	return {
		email: `persona${n}@seed.aula.test`,
		fullName: `${pick(rng, FIRST)} ${pick(rng, LAST)} ${pick(rng, LAST)}`,
		country: inst.country,
		institutionId: inst.id,
		unitId,
		createdAt: START + Math.floor(rng() * (END - START - 45 * DAY))
	};
}

export type SeedCourse = {
	slug: string;
	title: string;
	audience: string[];
	quizModules: string[];
	versions: { old: string; current: string };
	hours: { old: number; current: number };
};

export type EnrolmentPlan = {
	courseIndex: number;
	status: 'active' | 'completed' | 'withdrawn';
	enrolledAt: number;
	lastActivityAt: number;
	completedAt: number | null;
	version: string;
	completedVersion: string | null;
	/** Percent of the passing attempt of each quiz module (completed enrolments). */
	passPercents: number[];
};

export const versionAt = (c: SeedCourse, ms: number) =>
	ms < VERSION_SWITCH ? c.versions.old : c.versions.current;
export const hoursAt = (c: SeedCourse, ms: number) =>
	ms < VERSION_SWITCH ? c.hours.old : c.hours.current;

/** Enrolment of learner `n` in course `c`: everyone takes every course; their audience completes more. */
export function enrolmentPlan(
	n: number,
	courseIndex: number,
	l: Learner,
	sector: string,
	c: SeedCourse
): EnrolmentPlan {
	const rng = rngFor(2, n * 8 + courseIndex);
	const enrolledAt = Math.min(END - DAY, l.createdAt + Math.floor(rng() * 40 * DAY));
	const inAudience = c.audience.includes('all') || c.audience.includes(sector);
	const roll = rng();
	const completedAt = enrolledAt + Math.floor((5 + rng() * 150) * DAY);
	const completes = roll < (inAudience ? 0.72 : 0.4) && completedAt <= END;
	const withdrawn = !completes && roll > 0.93;
	const lastActivityAt = completes
		? completedAt
		: enrolledAt + Math.floor(rng() * Math.min(END - enrolledAt, 200 * DAY));
	return {
		courseIndex,
		status: completes ? 'completed' : withdrawn ? 'withdrawn' : 'active',
		enrolledAt,
		lastActivityAt,
		completedAt: completes ? completedAt : null,
		version: versionAt(c, enrolledAt),
		completedVersion: completes ? versionAt(c, completedAt) : null,
		passPercents: completes ? c.quizModules.map(() => 60 + Math.floor(rng() * 41)) : []
	};
}

/** The app's final score: the mean of the counting quiz scores, to two decimals. */
export const finalScore = (p: EnrolmentPlan) =>
	p.passPercents.length
		? Math.round((100 * p.passPercents.reduce((a, b) => a + b, 0)) / p.passPercents.length) / 100
		: null;

export type AttemptRow = {
	moduleSlug: string;
	attemptNo: number;
	startedAt: number;
	percent: number;
	passed: boolean;
};

/**
 * The quiz attempts of an enrolment: one pass per quiz module when completed, preceded by
 * `extra` failed attempts spread over its modules (for unfinished enrolments, attempts on the
 * modules reached so far).
 */
export function attemptsOf(
	n: number,
	plan: EnrolmentPlan,
	c: SeedCourse,
	extra: number
): AttemptRow[] {
	const rng = rngFor(3, n * 8 + plan.courseIndex);
	const span = Math.max(DAY, plan.lastActivityAt - plan.enrolledAt);
	const counts = new Map<string, number>();
	const rows: AttemptRow[] = [];
	const at = (k: number, of: number) =>
		plan.enrolledAt + Math.floor(((k + rng() * 0.5) / (of + 1)) * span);
	const total = extra + plan.passPercents.length;
	const reach = Math.max(1, Math.ceil(rng() * c.quizModules.length));
	for (let k = 0; k < extra; k++) {
		const moduleSlug =
			c.quizModules[plan.passPercents.length ? k % c.quizModules.length : k % reach];
		const attemptNo = (counts.get(moduleSlug) ?? 0) + 1;
		counts.set(moduleSlug, attemptNo);
		rows.push({
			moduleSlug,
			attemptNo,
			startedAt: at(k, total),
			percent: Math.floor(rng() * 60),
			passed: false
		});
	}
	plan.passPercents.forEach((percent, i) => {
		const moduleSlug = c.quizModules[i];
		const attemptNo = (counts.get(moduleSlug) ?? 0) + 1;
		counts.set(moduleSlug, attemptNo);
		rows.push({
			moduleSlug,
			attemptNo,
			startedAt: Math.min(plan.lastActivityAt - 60_000, at(extra + i, total)),
			percent,
			passed: true
		});
	});
	return rows;
}

/** Spreads `total` extra items evenly over `slots` slots: how many slot `i` gets. */
export const share = (i: number, total: number, slots: number) =>
	Math.floor(((i + 1) * total) / slots) - Math.floor((i * total) / slots);

export { iso };
