import { IMAGE_PATH } from './image-format';
import type { IssueList } from './issues';

/** Our components and their attributes (all required); null = any text. */
const COMPONENTS: Record<
	string,
	{ attrs: Record<string, readonly string[] | null>; block: boolean }
> = {
	Callout: { attrs: { type: ['info', 'warning', 'key'] }, block: true },
	CaseStudy: { attrs: { title: null }, block: true },
	Term: { attrs: { def: null }, block: false },
	Source: { attrs: {}, block: false },
	// The contact points the admin sets per country, filled in at request time: `<Contacts />`.
	Contacts: { attrs: {}, block: false }
};
const NAMES = Object.keys(COMPONENTS);

const TAG = /<(\/?)([A-Za-z][\w-]*)(\s[^<>]*)?>/g;
const ATTR = /([A-Za-z][\w-]*)="([^"]*)"/g;
const LINK = /(!?)\[([^\]]*)\]\(\s*([^)\s]*)([^)]*)\)/g;
/** `![alt][id]`: an image whose address is elsewhere. */
const REFERENCE_IMAGE = /!\[[^\]]*\]\[[^\]]*\]/g;
/** `[id]: target` reference definitions, whose target a `[text][id]` link uses. */
const REFERENCE = /^ {0,3}\[[^\]]+\]:\s*(\S+)/gm;
const SCHEME = /^([a-z][a-z0-9+.-]*):/i;
/** Links may lead to the web, to an email address or phone number, or within the page. */
const SAFE_SCHEMES = new Set(['http', 'https', 'mailto', 'tel']);
/** Anything that HTML would read as markup: a tag, closing tag, comment, declaration. */
const MARKUP = /<[/!?]?[A-Za-z]|<!--/g;

/**
 * Checks the Markdown body of course.md or of a module: only our components, well formed and
 * closed; no braces (the renderer reads them as code); images only as uploaded, with a description;
 * links to other modules resolve.
 * `moduleFiles` are the module file names of the same course, e.g. `02-indicadores.md`.
 */
export function checkMarkdown(
	file: string,
	body: string,
	bodyLine: number,
	moduleFiles: ReadonlySet<string>,
	issues: IssueList
) {
	// Code is shown as written, so tags and braces inside it are not ours to check.
	const text = body.replace(/^```[\s\S]*?^```/gm, blank).replace(/`[^`\n]*`/g, blank);
	const lines = text.split('\n');
	const lineOf = (offset: number) => bodyLine + (text.slice(0, offset).match(/\n/g)?.length ?? 0);
	const lineText = (line: number) => lines[line - bodyLine] ?? '';
	const error = (line: number, message: string) => issues.error(file, line, message);

	lines.forEach((l, i) => {
		if (/[{}]/.test(l)) {
			error(
				bodyLine + i,
				'Las llaves { } no se pueden usar en el texto: Aula las interpreta de forma especial. Quítelas o use paréntesis.'
			);
		}
	});

	// Every `<` that HTML would read as markup must start one of our components' tags: no HTML,
	// no comments, no unclosed or broken tags (`<img src=x onerror=…`), no `<javascript:…>`.
	const ours = new Set<number>();
	for (const m of text.matchAll(TAG)) if (Object.hasOwn(COMPONENTS, m[2])) ours.add(m.index);
	for (const m of text.matchAll(MARKUP)) {
		if (ours.has(m.index)) continue;
		const tag = /^<\/?([A-Za-z][\w-]*)(?=[\s/>])[^<>]*>/.exec(text.slice(m.index));
		// A complete tag of an unknown name is reported below, with a hint.
		if (tag && !m[0].startsWith('<!')) continue;
		error(lineOf(m.index), NO_HTML);
	}

	const open: { name: string; line: number }[] = [];
	const refused = new Set<string>();
	for (const m of text.matchAll(TAG)) {
		const [tag, slash, name, rawAttrs = ''] = m;
		const line = lineOf(m.index);
		const spec = Object.hasOwn(COMPONENTS, name) ? COMPONENTS[name] : undefined;
		if (!spec) {
			// The closing tag of an element already reported at its opening is not reported again.
			if (!slash) error(line, unknownTag(name));
			else if (!refused.has(name)) error(line, `La etiqueta de cierre </${name}> no está permitida. ${NO_HTML}`);
			refused.add(name);
			continue;
		}
		if (slash) {
			const at = open.findLastIndex((o) => o.name === name);
			if (at === -1) {
				error(
					line,
					`La etiqueta de cierre </${name}> no corresponde a ninguna apertura <${name}>.`
				);
				continue;
			}
			for (const o of open.splice(at)) {
				if (o.name !== name) error(o.line, `Falta la etiqueta de cierre </${o.name}>.`);
			}
			if (spec.block && (lineText(line).trim() !== tag || lineText(line - 1).trim() !== '')) {
				issues.warning(
					file,
					line,
					`Ponga </${name}> sola en su línea, con una línea en blanco antes; si no, el texto de dentro no se mostrará bien.`
				);
			}
			continue;
		}
		const selfClosing = rawAttrs.trimEnd().endsWith('/');
		checkAttributes(name, rawAttrs.trim().replace(/\/$/, ''), (message) => error(line, message));
		if (selfClosing) continue;
		open.push({ name, line });
		if (spec.block && (lineText(line).trim() !== tag || lineText(line + 1).trim() !== '')) {
			issues.warning(
				file,
				line,
				`Ponga <${name}> sola en su línea y deje una línea en blanco después; si no, las negritas y las listas de dentro no se mostrarán bien.`
			);
		}
	}
	for (const o of open) error(o.line, `Falta la etiqueta de cierre </${o.name}>.`);

	const first = [...moduleFiles].sort()[0] ?? '01-nombre.md';
	for (const m of text.matchAll(LINK)) {
		const [, image, label, target, rest] = m;
		const line = lineOf(m.index);
		if (image) {
			// Only an image uploaded in the editor, described for those who cannot see it.
			if (!IMAGE_PATH.test(target) || rest.trim() !== '') error(line, BAD_IMAGE);
			else if (label.trim() === '') error(line, NO_ALT);
			else if (label.includes('"')) error(line, 'La descripción de la imagen no puede contener comillas dobles ("); use « ».');
			continue;
		}
		const scheme = SCHEME.exec(decodeEntities(target).replace(/^<|>$/g, ''));
		if (scheme || target.startsWith('#')) {
			if (scheme && !SAFE_SCHEMES.has(scheme[1].toLowerCase())) error(line, badScheme(target));
			continue;
		}
		const path = target.split('#')[0];
		if (path.startsWith('./') && moduleFiles.has(path.slice(2))) continue;
		error(
			line,
			`El enlace «${target}» no lleva a ningún módulo de este curso. Escriba ./ y el nombre exacto del archivo del módulo, por ejemplo [texto](./${first}).`
		);
	}

	for (const m of text.matchAll(REFERENCE_IMAGE)) error(lineOf(m.index), BAD_IMAGE);

	for (const m of text.matchAll(REFERENCE)) {
		const scheme = SCHEME.exec(decodeEntities(m[1]).replace(/^<|>$/g, ''));
		if (scheme && !SAFE_SCHEMES.has(scheme[1].toLowerCase())) error(lineOf(m.index), badScheme(m[1]));
	}
}

const BAD_IMAGE =
	'Esta imagen no está permitida: solo se pueden mostrar imágenes subidas en el editor, escritas exactamente como ![descripción](/imagenes/….png), sin direcciones de otros sitios ni data:.';
const NO_ALT =
	'La imagen no tiene descripción: escriba entre los corchetes qué muestra, para quien no puede verla, por ejemplo ![Mapa del paso fronterizo](/imagenes/….png).';

const NO_HTML =
	'No se puede escribir HTML en los cursos: solo Markdown y los componentes Callout, CaseStudy, Term, Source y Contacts. Si quiere mostrar el signo <, escríbalo entre comillas invertidas (`<`).';

function badScheme(target: string) {
	return `El enlace «${target}» no está permitido: los enlaces solo pueden llevar a páginas web (https://…), a un correo (mailto:…), a un teléfono (tel:…) o a otro módulo del curso (./02-nombre.md).`;
}

/** How Markdown reads a link target: `&#106;avascript:` is `javascript:`. */
function decodeEntities(s: string): string {
	return s
		.replace(/&#x([0-9a-f]+);?/gi, (_, h) => String.fromCodePoint(parseInt(h, 16) || 32))
		.replace(/&#(\d+);?/g, (_, d) => String.fromCodePoint(Number(d) || 32))
		.replace(/&colon;/gi, ':')
		.replace(/&tab;|&newline;/gi, '')
		.replace(/[\u0000-\u0020]/g, '');
}

function checkAttributes(name: string, raw: string, report: (message: string) => void) {
	const allowed = COMPONENTS[name].attrs;
	const found = new Map([...raw.matchAll(ATTR)].map((a) => [a[1], a[2]] as const));
	if (raw.replace(ATTR, '').trim() !== '') {
		report(
			`Los atributos de <${name}> están mal escritos. Escriba nombre="valor"; dentro del valor no puede haber comillas dobles (use « »).`
		);
		return;
	}
	for (const [attr, value] of found) {
		const values = Object.hasOwn(allowed, attr) ? allowed[attr] : undefined;
		if (values === undefined) {
			report(`<${name}> no admite el atributo ${attr}.`);
		} else if (values && !values.includes(value)) {
			report(
				`El valor ${attr}="${value}" de <${name}> no existe. Valores posibles: ${values.join(', ')}.`
			);
		} else if (value.trim() === '') {
			report(`El atributo ${attr} de <${name}> está vacío.`);
		}
	}
	for (const attr of Object.keys(allowed)) {
		if (!found.has(attr)) report(`Falta el atributo ${attr}="…" en <${name}>.`);
	}
}

function unknownTag(name: string): string {
	const meant = NAMES.find((n) => n.toLowerCase() === name.toLowerCase());
	return meant
		? `La etiqueta <${name}> no existe. ¿Quiso decir <${meant}>? Escriba el nombre exactamente así, con la primera letra en mayúscula.`
		: `La etiqueta <${name}> no está permitida. Solo se pueden usar los componentes ${NAMES.slice(0, -1).join(', ')} y ${NAMES.at(-1)}; no escriba HTML.`;
}

/** Keeps line breaks (and so offsets and line numbers) while hiding the characters. */
function blank(s: string) {
	return s.replace(/[^\n]/g, ' ');
}
