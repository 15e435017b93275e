import { isMap, isScalar, isSeq, type Node, type YAMLMap } from 'yaml';
import type { IssueList } from './issues';
import type { YamlSource } from './yaml-source';

type TextOrGroup = { line: number; number: number } & (
	{ text: string; group: null } | { text: null; group: Fields }
);

type NumberRule = { min: number; max?: number; integer?: boolean };

/**
 * Reads the fields of one YAML mapping (a frontmatter, quiz settings, a question…) and reports,
 * in words a trainer can act on, every field that is missing or has the wrong kind of value.
 * Readers return null when the value is unusable; the caller then gives up building that object.
 */
export class Fields {
	private readonly read = new Set<string>();

	constructor(
		readonly src: YamlSource,
		readonly issues: IssueList,
		private readonly map: YAMLMap | null,
		/** Where these fields are, for messages, e.g. ` en la ficha del curso`. */
		readonly where: string,
		/** The line to point at when a field is missing: where the group starts. */
		readonly line: number,
		private readonly prefix = '',
		/** The group itself was broken and already reported: do not report its fields again. */
		private readonly quiet = false
	) {}

	/** Fields of `node`, which must be a mapping (`nombre: valor` lines). */
	static of(src: YamlSource, issues: IssueList, node: Node | null, where: string, line: number) {
		if (node === null || isMap(node))
			return new Fields(src, issues, node, where, src.line(node, line));
		issues.error(
			src.file,
			src.line(node, line),
			`Se esperaban datos de la forma «nombre: valor»${where}, pero hay ${describe(node)}.`
		);
		return new Fields(src, issues, null, where, line, '', true);
	}

	get file() {
		return this.src.file;
	}

	has(key: string) {
		return this.node(key) !== null;
	}

	/** The value node of `key`, or null when the key is absent or left empty. */
	node(key: string): Node | null {
		this.read.add(key);
		const pair = this.map?.items.find((p) => isScalar(p.key) && p.key.value === key);
		const value = (pair?.value ?? null) as Node | null;
		return value && isScalar(value) && value.value === null ? null : value;
	}

	/** The line of `key` (or of the group when `key` is absent). */
	lineOf(key: string): number {
		const pair = this.map?.items.find((p) => isScalar(p.key) && p.key.value === key);
		return this.src.line(pair?.key as Node | undefined, this.line);
	}

	label(key: string) {
		return `«${this.prefix}${key}»`;
	}

	text(key: string, required = true): string | null {
		return this.scalar(key, 'un texto', required, (v) =>
			typeof v === 'string' && v.trim() !== '' ? v : undefined
		);
	}

	number(key: string, rule: NumberRule, required = true): number | null {
		const { min, max, integer = true } = rule;
		const kind = integer ? 'un número entero' : 'un número';
		const expect =
			max === undefined ? `${kind} igual o mayor que ${min}` : `${kind} entre ${min} y ${max}`;
		return this.scalar(key, expect, required, (v) =>
			typeof v === 'number' &&
			Number.isFinite(v) &&
			(!integer || Number.isInteger(v)) &&
			v >= min &&
			(max === undefined || v <= max)
				? v
				: undefined
		);
	}

	boolean(key: string, required = true): boolean | null {
		return this.scalar(key, 'true o false', required, (v) =>
			typeof v === 'boolean' ? v : undefined
		);
	}

	choice<T extends string>(key: string, values: readonly T[], required = true): T | null {
		const node = this.node(key);
		const value = node && isScalar(node) ? node.value : undefined;
		if (typeof value === 'string' && !(values as readonly string[]).includes(value)) {
			this.issues.error(
				this.file,
				this.src.line(node),
				`${this.label(key)}${this.where} tiene un valor que no existe: "${value}". Valores posibles: ${values.join(', ')}.`
			);
			return null;
		}
		return this.scalar(key, `uno de estos valores: ${values.join(', ')}`, required, (v) =>
			(values as readonly unknown[]).includes(v) ? (v as T) : undefined
		);
	}

	/** A list of non-empty texts, with the line of each, e.g. `audience: [consular, border]`. */
	textItems(key: string, required = true): { text: string; line: number }[] | null {
		const node = this.node(key);
		if (node === null) return this.missing(key, 'una lista de textos', required);
		if (!isSeq(node))
			return this.wrong(key, node, 'una lista, por ejemplo [a, b] o líneas que empiezan con «- »');
		const items: { text: string; line: number }[] = [];
		let ok = true;
		for (const item of node.items as Node[]) {
			const value = isScalar(item) ? item.value : undefined;
			if (typeof value === 'string' && value.trim() !== '') {
				items.push({ text: value, line: this.src.line(item) });
			} else {
				ok = false;
				this.issues.error(
					this.file,
					this.src.line(item, this.lineOf(key)),
					`Cada elemento de ${this.label(key)}${this.where} debe ser un texto; este es ${describe(item)}. Si es un número, póngalo entre comillas.`
				);
			}
		}
		if (ok && items.length === 0 && required) return this.missing(key, 'una lista de textos', true);
		return ok ? items : null;
	}

	textList(key: string, required = true): string[] | null {
		return this.textItems(key, required)?.map((i) => i.text) ?? null;
	}

	/**
	 * A list whose items are plain texts or groups of fields, e.g. module objectives written as
	 * `- Distinguir…` or as `- text: Distinguir…` with `section: …` below. `one` names an item in
	 * messages (`el objetivo`); `number` is its 1-based place in the list. An item that is neither
	 * is reported and given as null, so the caller still reads (and reports on) the others.
	 */
	textOrGroupItems(key: string, one: string, required = true): (TextOrGroup | null)[] | null {
		const nodes = this.list(key, required);
		if (nodes === null) return null;
		if (nodes.length === 0) return this.missing(key, 'una lista', required);
		return nodes.map((node, i) => {
			const line = this.src.line(node, this.lineOf(key));
			const where = ` en ${one} n.º ${i + 1} de ${this.label(key)}${this.where}`;
			if (isMap(node)) {
				return {
					text: null,
					group: new Fields(this.src, this.issues, node, where, line),
					line,
					number: i + 1
				};
			}
			if (isScalar(node) && typeof node.value === 'string' && node.value.trim() !== '') {
				return { text: node.value, group: null, line, number: i + 1 };
			}
			this.issues.error(
				this.file,
				line,
				`Cada elemento de ${this.label(key)}${this.where} debe ser un texto o un grupo con «text:»; este es ${describe(node)}. Si es un número, póngalo entre comillas.`
			);
			return null;
		});
	}

	/** The items of a list, e.g. the questions of a quiz. */
	list(key: string, required = true): Node[] | null {
		const node = this.node(key);
		if (node === null) return this.missing(key, 'una lista', required);
		if (!isSeq(node)) return this.wrong(key, node, 'una lista de elementos que empiezan con «- »');
		return node.items as Node[];
	}

	/** A nested group such as `translations:`; when absent, its own fields report themselves missing. */
	group(key: string, required = false): Fields {
		const node = this.node(key);
		const child = (map: YAMLMap | null, line: number, quiet: boolean) =>
			new Fields(this.src, this.issues, map, this.where, line, `${this.prefix}${key}.`, quiet);
		if (node === null) {
			if (required) this.missing(key, 'un grupo de datos con sangría', true);
			return child(null, this.lineOf(key), this.quiet || required);
		}
		if (!isMap(node)) {
			this.wrong(key, node, 'un grupo de datos con sangría (dos espacios) debajo');
			return child(null, this.src.line(node), true);
		}
		return child(node, this.lineOf(key), this.quiet);
	}

	/** Warns about keys nobody read: usually a misspelt name whose value would be ignored. */
	warnUnknown(ignore: readonly string[] = []) {
		for (const pair of this.map?.items ?? []) {
			const key = isScalar(pair.key) ? String(pair.key.value) : null;
			if (key === null || this.read.has(key) || ignore.includes(key)) continue;
			this.issues.warning(
				this.file,
				this.src.line(pair.key as Node),
				`El dato ${this.label(key)}${this.where} no se reconoce y se ignora. Revise cómo está escrito.`
			);
		}
	}

	private scalar<T>(
		key: string,
		expect: string,
		required: boolean,
		accept: (value: unknown) => T | undefined
	): T | null {
		const node = this.node(key);
		if (node === null) return this.missing(key, expect, required);
		const value = isScalar(node) ? accept(node.value) : undefined;
		return value === undefined ? this.wrong(key, node, expect) : value;
	}

	private missing(key: string, expect: string, required: boolean): null {
		if (required && !this.quiet) {
			this.issues.error(
				this.file,
				this.lineOf(key),
				`Falta el dato ${this.label(key)}${this.where} (${expect}).`
			);
		}
		return null;
	}

	private wrong(key: string, node: Node, expect: string): null {
		this.issues.error(
			this.file,
			this.src.line(node),
			`${this.label(key)}${this.where} debe ser ${expect}; ahora es ${describe(node)}.`
		);
		return null;
	}
}

/** How a value looks to a trainer: `"cuarenta"`, `50`, `una lista`. */
export function describe(node: Node | null): string {
	if (node === null) return 'un valor vacío';
	if (isMap(node)) return 'un grupo de datos';
	if (isSeq(node)) return 'una lista';
	if (isScalar(node)) return JSON.stringify(node.value) ?? String(node.value);
	return 'un valor no válido';
}

/** `o` itself once every field has a value; null when a reader gave up on one of them. */
export function complete<T extends object>(o: { [K in keyof T]: T[K] | null }): T | null {
	return Object.values(o).some((v) => v === null) ? null : (o as T);
}
