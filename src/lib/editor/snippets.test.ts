import { describe, expect, it } from 'vitest';
import { applySnippet, insertText, SNIPPETS, type Placeholders, type Snippet } from './snippets';
import { IssueList } from '../server/courses/issues';
import { checkMarkdown } from '../server/courses/markdown';

const PH: Placeholders = {
	bold: 'negrita',
	italic: 'cursiva',
	heading: 'Título',
	item: 'elemento',
	linkText: 'texto',
	url: 'https://',
	callout: 'Texto del recuadro.',
	caseTitle: 'Caso: título',
	caseText: 'Texto del caso.',
	term: 'término',
	definition: 'Definición breve.',
	source: 'Ley N° …, art. …'
};

/** Applies a snippet to `text` with the selection marked by [ ] (or a cursor |); shows the result the same way. */
function run(kind: Snippet, marked: string) {
	const cursor = marked.indexOf('|');
	const start = cursor >= 0 ? cursor : marked.indexOf('[');
	const end = cursor >= 0 ? cursor : marked.indexOf(']') - 1;
	const text = marked.replace(cursor >= 0 ? '|' : /[[\]]/g, '');
	const edit = applySnippet(kind, text, start, end, PH);
	return `${edit.text.slice(0, edit.start)}[${edit.text.slice(edit.start, edit.end)}]${edit.text.slice(edit.end)}`;
}

describe('applySnippet wraps the selection or inserts a placeholder, and selects what to write next', () => {
	it.each([
		['bold', 'una [palabra ]clave', 'una **[palabra]** clave'],
		['bold', 'una |clave', 'una **[negrita]**clave'],
		['italic', '[texto]', '*[texto]*'],
		['link', 'vea [la ley]', 'vea [la ley]([https://])'],
		['link', 'vea |', 'vea [[texto]](https://)'],
		['term', 'la [servidumbre]', 'la <Term def="[Definición breve.]">servidumbre</Term>'],
		['term', '|', '<Term def="Definición breve.">[término]</Term>'],
		['source', 'art. 3 [Protocolo]', 'art. 3 <Source>[Protocolo]</Source>'],
		['heading', 'uno\nIntro|ducción\ndos', 'uno\n## [Introducción]\ndos'],
		['heading', 'a\n|\nb', 'a\n## [Título]\nb'],
		['heading', '### [Viejo]', '## [Viejo]'],
		['list', '[uno\ndos]\ntres', '[- uno\n- dos]\ntres'],
		['list', '|', '- [elemento]'],
		['callout', 'Párrafo.|', 'Párrafo.\n\n<Callout type="info">\n\n[Texto del recuadro.]\n\n</Callout>\n'],
		['callout', 'a\n\n[Ojo.]\n\nb', 'a\n\n<Callout type="info">\n\n[Ojo.]\n\n</Callout>\n\nb'],
		['case', 'a\n[Un bus llega.]', 'a\n\n<CaseStudy title="[Caso: título]">\n\nUn bus llega.\n\n</CaseStudy>\n'],
		['case', '|', '<CaseStudy title="Caso: título">\n\n[Texto del caso.]\n\n</CaseStudy>\n']
	] as [Snippet, string, string][])('%s on %j', (kind, input, expected) => {
		expect(run(kind, input)).toBe(expected);
	});

	it('gives text the validator accepts, whatever is selected in a module', () => {
		const body = 'Un párrafo con palabras.\n\nOtro párrafo.\n';
		for (const kind of SNIPPETS) {
			for (const [start, end] of [[0, 0], [3, 10], [body.length, body.length], [26, 39]]) {
				const issues = new IssueList();
				checkMarkdown('m.md', applySnippet(kind, body, start, end, PH).text, 1, new Set(['01-a.md']), issues);
				const errors = issues.items.filter((i) => i.severity === 'error' && !/enlace/.test(i.message));
				expect(errors, `${kind} ${start}-${end}`).toEqual([]);
			}
		}
	});
});

describe('insertText', () => {
	it('replaces the selection and puts the cursor after', () => {
		expect(insertText('ab[x]cd', 2, 5, '![m](/i.png)')).toEqual({ text: 'ab![m](/i.png)cd', start: 14, end: 14 });
	});
});
