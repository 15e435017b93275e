/**
 * The course model as loaded from content/courses/<slug>/ (see docs/authoring.md).
 * Server-only: quizzes carry their answers.
 */
import { SECTORS } from '../institutions/seed-data';

/** Who a course is for: the institution sectors, or everyone. */
export const AUDIENCES = [...SECTORS, 'all'] as const;
export type Audience = (typeof AUDIENCES)[number];

export type QuizSettings = {
	passingScore: number; // percent, 1..100
	maxAttempts: number; // 0 = unlimited
	timeLimitMinutes: number; // 0 = none
	drawCount: number; // 0 = all questions
	shuffleQuestions: boolean;
	shuffleOptions: boolean;
	feedback: 'after-attempt' | 'after-pass' | 'never';
	scoring: 'highest' | 'last';
};

export type Option = { id: string; text: string; correct: boolean; feedback: string | null };

type Base = { id: string; prompt: string; explanation: string };
export type SingleQuestion = Base & { type: 'single'; options: Option[] };
export type MultipleQuestion = Base & {
	type: 'multiple';
	scoring: 'partial' | 'all-or-nothing';
	options: Option[];
};
export type TrueFalseQuestion = Base & { type: 'truefalse'; answer: boolean };
export type MatchingQuestion = Base & {
	type: 'matching';
	pairs: { id: string; left: string; right: string }[];
};
/** `items` are listed in the correct order. */
export type OrderingQuestion = Base & { type: 'ordering'; items: { id: string; text: string }[] };
export type ShortQuestion = Base & { type: 'short'; accept: string[] };

/** Every question type that is graded by itself. */
export type GradableQuestion =
	| SingleQuestion
	| MultipleQuestion
	| TrueFalseQuestion
	| MatchingQuestion
	| OrderingQuestion
	| ShortQuestion;

/** A scenario with sub-questions; each sub-question is graded. */
export type CaseQuestion = {
	id: string;
	type: 'case';
	scenario: string;
	prompt: string | null;
	explanation: string | null;
	questions: GradableQuestion[];
};

export type Question = GradableQuestion | CaseQuestion;
export type QuestionType = Question['type'];

export type Quiz = { file: string; settings: QuizSettings; questions: Question[] };

export type Module = {
	/** File name without extension, e.g. `01-conceptos`; used in URLs and progress records. */
	slug: string;
	number: number;
	title: string;
	titleEn: string | null;
	minutes: number;
	objectives: string[];
	/** Repository-relative path, e.g. `content/courses/frontera/01-conceptos.md`. */
	file: string;
	quiz: Quiz | null;
};

export type Course = {
	slug: string;
	title: string;
	summary: string;
	titleEn: string | null;
	summaryEn: string | null;
	language: 'es' | 'en';
	hours: number;
	audience: Audience[];
	enrolment: 'open' | 'coordinator' | 'key';
	passing: { rule: 'all-modules' };
	prerequisites: string[];
	/** Derived from the content of every file of the course: changes whenever any of them does. */
	version: string;
	/** Markdown body of course.md (the presentation shown on the course page). */
	body: string;
	file: string;
	modules: Module[];
};

/** A finding of the content validator, pointing at the file and line a trainer must fix. */
export type ContentIssue = {
	file: string;
	line: number;
	severity: 'error' | 'warning';
	message: string;
};
