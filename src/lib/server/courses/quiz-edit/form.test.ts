import { describe, expect, it } from 'vitest';
import { LIMITS } from './model';
import { applyOp, readQuestionForm, readSettingsForm } from './form';

const form = (entries: Record<string, string>) => {
	const f = new FormData();
	for (const [k, v] of Object.entries(entries)) f.append(k, v);
	return f;
};

const SINGLE = {
	question: 'uno', type: 'single', objective: '2', prompt: ' ¿Qué?\r\n ', explanation: 'Porque.',
	'o.0.id': 'a', 'o.0.text': 'Sí', 'o.0.feedback': 'Bien.', 'o.1.id': 'b', 'o.1.text': 'No', 'o.1.feedback': '', correct: '0'
};

describe('readQuestionForm', () => {
	it('reads each type’s fields', () => {
		const single = readQuestionForm(form(SINGLE));
		expect(single.errors).toEqual([]);
		expect(single.draft).toMatchObject({ id: 'uno', type: 'single', objective: 2, prompt: '¿Qué?', options: [{ id: 'a', correct: true, feedback: 'Bien.' }, { id: 'b', correct: false }] });
		const kase = readQuestionForm(form({
			new: '1', id: '', type: 'case', objective: '', scenario: 'Escena', prompt: '', explanation: '',
			'sub.0.type': 'matching', 'sub.0.id': 'c-1', 'sub.0.prompt': 'Relacione', 'sub.0.pair.0.id': 'p1', 'sub.0.pair.0.left': 'L', 'sub.0.pair.0.right': 'R',
			'sub.1.type': 'ordering', 'sub.1.id': 'c-2', 'sub.1.item.0.id': 's1', 'sub.1.item.0.text': 'Uno',
			'sub.2.type': 'short', 'sub.2.id': 'c-3', 'sub.2.accept': 'a\n\n b \n', 'sub.3.type': 'truefalse', 'sub.3.id': 'c-4', 'sub.3.answer': 'false',
			'sub.4.type': 'multiple', 'sub.4.id': 'c-5', 'sub.4.scoring': 'all-or-nothing', 'sub.4.o.0.id': 'a', 'sub.4.o.0.correct': 'on'
		}));
		expect(kase.errors).toEqual([]);
		expect(kase.original).toBeNull();
		expect(kase.draft.questions.map((s) => s.type)).toEqual(['matching', 'ordering', 'short', 'truefalse', 'multiple']);
		expect(kase.draft.questions[0].pairs).toEqual([{ id: 'p1', left: 'L', right: 'R' }]);
		expect(kase.draft.questions[2].accept).toEqual(['a', 'b']);
		expect(kase.draft.questions[3].answer).toBe(false);
		expect(kase.draft.questions[4]).toMatchObject({ scoring: 'all-or-nothing', options: [{ correct: true }] });
	});

	it('turns bad input into messages, never an exception', () => {
		const bad = (entries: Record<string, string>) => readQuestionForm(form(entries)).errors;
		expect(bad({})).toEqual(['El tipo de pregunta no es válido.']);
		expect(bad({ question: 'x', type: 'essay' })).toHaveLength(1);
		expect(bad({ ...SINGLE, prompt: 'a\0b' })[0]).toMatch(/NUL/);
		expect(bad({ ...SINGLE, explanation: 'x'.repeat(LIMITS.field + 1) })).toHaveLength(1);
		expect(bad({ ...SINGLE, objective: '99999999999' })).toHaveLength(1);
		expect(bad({ ...SINGLE, 'o.1.id': 'B B' })[0]).toMatch(/identificador/);
		expect(bad({ new: '1', id: 'Con Espacios', type: 'short' })[0]).toMatch(/identificador/);
		const many = Object.fromEntries(Array.from({ length: LIMITS.rows + 5 }, (_, i) => [`o.${i}.id`, `o${i}`]));
		expect(bad({ ...SINGLE, ...many })[0]).toMatch(/máximo es 10/);
		const subs = Object.fromEntries(Array.from({ length: 8 }, (_, i) => [`sub.${i}.type`, 'truefalse']));
		expect(bad({ question: 'c', type: 'case', ...subs }).join()).toMatch(/máximo es 6/);
		expect(bad({ question: 'c', type: 'case', 'sub.0.type': 'case', 'sub.0.id': 'x' })).toEqual(['El tipo de pregunta no es válido.']);
	});
});

describe('applyOp', () => {
	const draft = readQuestionForm(form(SINGLE)).draft;

	it('adds, removes and moves rows without touching the rest', () => {
		const added = applyOp(draft, 'add:o', '').draft;
		expect(added.options.map((o) => o.id)).toEqual(['a', 'b', 'c']);
		expect(applyOp(draft, 'remove:o:0', '').draft.options.map((o) => o.id)).toEqual(['b']);
		const ordering = { ...draft, type: 'ordering' as const, options: [], items: [{ id: 's1', text: '1' }, { id: 's2', text: '2' }] };
		expect(applyOp(ordering, 'down:item:0', '').draft.items.map((s) => s.id)).toEqual(['s2', 's1']);
		expect(applyOp(ordering, 'add:item', '').draft.items.at(-1)?.id).toBe('s3');
		const kase = { ...draft, id: 'caso', type: 'case' as const, options: [], questions: [] };
		const withSub = applyOp(kase, 'add:sub', 'matching').draft;
		expect(withSub.questions[0]).toMatchObject({ id: 'caso-1', type: 'matching' });
		expect(applyOp(withSub, 'add:sub.0.pair', '').draft.questions[0].pairs).toHaveLength(4);
		expect(applyOp(withSub, 'remove:sub:0', '').draft.questions).toEqual([]);
		expect(draft.options).toHaveLength(2); // the draft given is not changed
	});

	it('refuses past the caps and unknown buttons, with a message', () => {
		let d = draft;
		for (let i = 0; i < LIMITS.rows - 2; i++) d = applyOp(d, 'add:o', '').draft;
		expect(d.options).toHaveLength(LIMITS.rows);
		expect(applyOp(d, 'add:o', '').error).toMatch(/máximo es 10/);
		expect(applyOp(draft, 'remove:o:7', '').error).not.toBeNull();
		expect(applyOp(draft, 'drop table', '').error).not.toBeNull();
		expect(applyOp(draft, 'add:sub', 'single').error).not.toBeNull();
	});
});

describe('readSettingsForm', () => {
	it('reads the settings and refuses numbers out of range or garbage', () => {
		const ok = readSettingsForm(form({ passingScore: '75', maxAttempts: '3', timeLimitMinutes: '0', drawCount: '9', shuffleQuestions: 'on', feedback: 'never', scoring: 'last' }));
		expect(ok).toEqual({ errors: [], settings: { passingScore: 75, maxAttempts: 3, timeLimitMinutes: 0, drawCount: 9, shuffleQuestions: true, shuffleOptions: false, feedback: 'never', scoring: 'last' } });
		const bad = readSettingsForm(form({ passingScore: '0', maxAttempts: '-1', timeLimitMinutes: '1e3', drawCount: '9'.repeat(20), feedback: 'x', scoring: '\0' }));
		expect(bad.errors.length).toBeGreaterThan(0);
		expect(bad.settings.passingScore).toBe(70);
	});
});
