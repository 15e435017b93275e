/**
 * The quiz of an open course: graded on the server from the posted form, nothing stored. Reuses
 * the quiz engine (draw, present, parse, grade). The draw is seeded by the course version and the
 * module, so every visitor (and a proxy's copy) gets the same page and the POST can redraw it.
 */
import type { Course, Module, Quiz } from '../courses/types';
import { answersFromForm, answersToFormValues, type FormInput } from '../quizzes/answers';
import { drawAttempt, seededRandom } from '../quizzes/draw';
import { feedbackFor, gradeAttempt, passed } from '../quizzes/grade';
import { publicQuestions } from '../quizzes/present';

type QuizModule = Module & { quiz: Quiz };

const drawFor = (course: Course, module: QuizModule) =>
	drawAttempt(module.quiz, seededRandom(`${course.version}:${module.slug}`));

/** The questions as the browser may see them before submitting: no answers. */
export function openQuizQuestions(course: Course, module: QuizModule) {
	return publicQuestions(module.quiz, drawFor(course, module));
}

/**
 * Grades a posted form. The review (correct answers, explanations) is shown as the quiz's
 * `feedback` setting allows; with `objectives` or `after-pass`, once passed.
 */
export function gradeOpenQuiz(course: Course, module: QuizModule, form: FormInput) {
	const quiz = module.quiz;
	const drawn = drawFor(course, module);
	const parsed = answersFromForm(quiz, drawn, form);
	if (!parsed.ok) return parsed;
	const grade = gradeAttempt(quiz, drawn, parsed.answers);
	const ok = passed(grade, quiz.settings);
	const review =
		quiz.settings.feedback === 'after-attempt' || (quiz.settings.feedback !== 'never' && ok);
	return {
		ok: true as const,
		percent: grade.percent,
		passed: ok,
		passingScore: quiz.settings.passingScore,
		values: answersToFormValues(quiz, drawn, parsed.answers),
		feedback: review ? feedbackFor(quiz, drawn, parsed.answers, grade) : null,
		final: isFinalQuiz(course, module)
	};
}

/** The course's last module that has a quiz: passing it counts as finishing the course. */
export function isFinalQuiz(course: Course, module: Module): boolean {
	return course.modules.findLast((m) => m.quiz)?.slug === module.slug;
}
