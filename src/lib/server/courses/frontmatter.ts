import type { IssueList } from './issues';

export type Frontmatter = {
	/** The YAML between the `---` fences. */
	yaml: string;
	/** Line of the file where the YAML starts (the line after the opening `---`). */
	yamlLine: number;
	body: string;
	/** Line of the file where the body starts. */
	bodyLine: number;
};

const FENCE = /^---\s*$/;

/**
 * Splits a course or module file into its frontmatter ("la ficha") and its Markdown body.
 * Tolerates a byte-order mark and Windows line endings, which editors such as Notepad add.
 */
export function splitFrontmatter(
	file: string,
	text: string,
	issues: IssueList
): Frontmatter | null {
	const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
	if (!FENCE.test(lines[0] ?? '')) {
		issues.error(
			file,
			1,
			'El archivo debe empezar con la ficha: una primera línea que contenga solo tres guiones (---).'
		);
		return null;
	}
	const close = lines.findIndex((line, i) => i > 0 && FENCE.test(line));
	if (close === -1) {
		issues.error(
			file,
			1,
			'La ficha no está cerrada: falta la segunda línea que contenga solo tres guiones (---).'
		);
		return null;
	}
	return {
		yaml: lines.slice(1, close).join('\n'),
		yamlLine: 2,
		body: lines.slice(close + 1).join('\n'),
		bodyLine: close + 2
	};
}
