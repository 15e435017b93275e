import { describe, expect, it } from 'vitest';
import { placeFindings } from './findings';

const TEXT = `settings:
  drawCount: 9
questions:
  - id: uno
    type: single
    prompt: "No es cierto que…"
    options:
      - id: a
        text: "Sí"
  - id: caso
    type: case
    scenario: "Escena"
    questions:
      - id: caso-a
        type: truefalse
        prompt: "¿Sí?"
`;
const F = 'content/courses/x/01-a.quiz.yaml';
const at = (line: number, severity: 'error' | 'warning' = 'warning') => ({ file: F, line, severity, message: `línea ${line}` });

describe('placeFindings', () => {
	it('puts each finding beside the field that starts on its line', () => {
		const placed = placeFindings(TEXT, F, [at(2, 'error'), at(3), at(4), at(6), at(8), at(14), at(16), { ...at(6), file: 'otro' }]);
		expect(placed.settings).toEqual({ drawCount: [{ severity: 'error', message: 'línea 2' }] });
		expect(placed.quiz).toEqual([{ severity: 'warning', message: 'línea 3' }]);
		expect(Object.keys(placed.questions.uno)).toEqual(['', 'prompt', 'o.0']);
		expect(Object.keys(placed.questions.caso)).toEqual(['sub.0.', 'sub.0.prompt']);
	});

	it('puts an untagged or negative item beside its objective or prompt', () => {
		const rule = (line: number, r: string) => ({ ...at(line), message: `[${r}] x` });
		const placed = placeFindings(TEXT, F, [rule(4, 'untagged-item'), rule(4, 'negative-stem'), rule(14, 'untagged-item'), rule(4, 'longest-key')]);
		expect(Object.keys(placed.questions.uno)).toEqual(['objective', 'prompt', '']);
		expect(Object.keys(placed.questions.caso)).toEqual(['sub.0.objective']);
	});

	it('copes with a text that is not YAML', () => {
		expect(placeFindings('questions: [', F, [at(1, 'error')]).quiz).toHaveLength(1);
	});
});
