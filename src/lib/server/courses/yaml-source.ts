import { LineCounter, parseDocument, type Node } from 'yaml';
import type { IssueList } from './issues';

/** A parsed YAML text that knows which line of its file each node sits on. */
export type YamlSource = {
	file: string;
	root: Node | null;
	/** 1-based line in the file of `node`, or `fallback` when there is no node. */
	line(node: Node | null | undefined, fallback?: number): number;
};

// The parser's own messages are in English; trainers get a Spanish hint for the usual mistakes.
const HINTS: Record<string, string> = {
	BLOCK_AS_IMPLICIT_KEY: 'hay un texto con «: » sin comillas. Ponga el texto entre comillas dobles',
	MULTILINE_IMPLICIT_KEY: 'falta «: » después del nombre del dato, o la sangría no es correcta',
	BAD_INDENT: 'la sangría no es correcta. Use dos espacios por nivel, siempre la misma cantidad',
	TAB_AS_INDENT: 'hay un tabulador en la sangría. Use solo espacios',
	DUPLICATE_KEY: 'el mismo dato aparece dos veces en el mismo grupo',
	MISSING_CHAR:
		'falta un carácter: unas comillas o un corchete sin cerrar, o un guion al inicio de un elemento de lista'
};

/**
 * Parses `text` (which starts on line `firstLine` of `file`, e.g. 2 for frontmatter after `---`).
 * Reports only the first syntax error — the following ones are usually its consequences — and
 * returns null then, since a half-read document would produce misleading findings.
 */
export function parseYaml(
	file: string,
	text: string,
	issues: IssueList,
	firstLine = 1
): YamlSource | null {
	const lineCounter = new LineCounter();
	const doc = parseDocument(text, { lineCounter, prettyErrors: false });
	const toFileLine = (offset: number) => lineCounter.linePos(offset).line + firstLine - 1;

	const [first] = doc.errors;
	if (first) {
		const hint = HINTS[first.code] ?? 'el formato YAML no es válido';
		issues.error(
			file,
			toFileLine(first.pos[0]),
			`Error de formato en esta línea: ${hint}. (Detalle técnico: ${first.message})`
		);
		return null;
	}
	return {
		file,
		root: doc.contents,
		line: (node, fallback = firstLine) => (node?.range ? toFileLine(node.range[0]) : fallback)
	};
}
