/**
 * The objective tags of a quiz against its module: every `objective: N` names an objective the
 * module has, and a quiz that draws questions can examine every objective in every attempt.
 * Both are errors: a draw that cannot cover the module would certify what was never examined.
 * With one item per objective, any drawCount of at least the number of objectives can cover them
 * all (the quiz draws stratified by objective), so those two conditions are the whole check.
 */
import type { ObjectiveLines } from './course-files';
import { count, type IssueList } from './issues';
import type { GradableQuestion, Module, Quiz } from './types';
import type { QuizLines } from './validate-quiz';

/** Every graded item of a quiz: its questions, with a case replaced by its sub-questions. */
export function gradableItems(quiz: Quiz): GradableQuestion[] {
	return quiz.questions.flatMap((q) => (q.type === 'case' ? q.questions : [q]));
}

/** The objective numbers (1-based) of a module that no item of its quiz examines. */
export function objectivesWithoutItem(module: Module, quiz: Quiz): number[] {
	const tagged = new Set(gradableItems(quiz).map((q) => q.objective));
	return module.objectives.map((_, i) => i + 1).filter((n) => !tagged.has(n));
}

export function checkObjectives(
	module: Module,
	quiz: Quiz,
	lines: { objectives: ObjectiveLines; quiz: QuizLines },
	issues: IssueList
) {
	const n = module.objectives.length;
	const name = module.file.slice(module.file.lastIndexOf('/') + 1);
	const range = n === 1 ? 'el 1' : `un número de 1 a ${n}`;
	for (const q of quiz.questions.flatMap((q) => (q.type === 'case' ? [q, ...q.questions] : [q]))) {
		const written = lines.quiz.objective.get(q.id);
		if (written === undefined || q.objective === undefined || q.objective <= n) continue;
		issues.error(
			quiz.file,
			written,
			`La pregunta "${q.id}" examina el objetivo n.º ${q.objective}, pero el módulo ${name} tiene ${count(n, 'objetivo', 'objetivos')}. Escriba en «objective» ${range}: el número del objetivo en la lista «objectives» de la ficha del módulo.`
		);
	}

	const { drawCount } = quiz.settings;
	if (drawCount === 0 || n === 0) return;
	if (drawCount < n) {
		issues.error(
			quiz.file,
			lines.quiz.drawCount,
			`drawCount es ${drawCount}, pero el módulo tiene ${count(n, 'objetivo', 'objetivos')}: cada intento debe examinar todos. Ponga un drawCount de al menos ${n}.`
		);
		return;
	}
	const missing = objectivesWithoutItem(module, quiz);
	if (missing.length) {
		const which =
			missing.length === 1
				? `el objetivo n.º ${missing[0]} no tiene`
				: `los objetivos n.º ${missing.slice(0, -1).join(', ')} y ${missing.at(-1)} no tienen`;
		issues.error(
			quiz.file,
			lines.quiz.drawCount,
			`El sorteo de preguntas (drawCount: ${drawCount}) no puede examinar todos los objetivos del módulo: ${which} ninguna pregunta con «objective». Escriba preguntas para ${missing.length === 1 ? 'ese objetivo' : 'esos objetivos'} o corrija el «objective» de las que ya los examinan.`
		);
	}
}
