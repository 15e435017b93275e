/**
 * CSV in and out, RFC 4180 style: quoted fields may hold the separator, quotes ("") and newlines.
 * Spreadsheets in Bolivia and Peru save with ";" as often as ",", so the reader detects it.
 */

/** Which separator a file uses: the one of "," and ";" seen more often outside quotes in its first line. */
export function detectSeparator(text: string): ',' | ';' {
	let commas = 0;
	let semicolons = 0;
	let quoted = false;
	for (const ch of text) {
		if (ch === '"') quoted = !quoted;
		else if (!quoted && (ch === '\n' || ch === '\r')) break;
		else if (!quoted && ch === ',') commas++;
		else if (!quoted && ch === ';') semicolons++;
	}
	return semicolons > commas ? ';' : ',';
}

/**
 * Rows of fields. Strips a UTF-8 byte-order mark, accepts CRLF or LF, and skips blank lines.
 * @example parseCsv('nombre;correo\n"Pérez; Ana";ana@x.bo') // [['nombre','correo'],['Pérez; Ana','ana@x.bo']]
 */
export function parseCsv(input: string, separator: ',' | ';' = detectSeparator(input.replace(/^\uFEFF/, ''))): string[][] {
	const text = input.replace(/^\uFEFF/, '');
	const rows: string[][] = [];
	let row: string[] = [];
	let field = '';
	let quoted = false;
	let i = 0;
	const endRow = () => {
		row.push(field);
		if (row.length > 1 || row[0].trim() !== '') rows.push(row);
		row = [];
		field = '';
	};
	while (i < text.length) {
		const ch = text[i];
		if (quoted) {
			if (ch === '"') {
				if (text[i + 1] === '"') {
					field += '"';
					i += 2;
					continue;
				}
				quoted = false;
			} else field += ch;
			i++;
			continue;
		}
		if (ch === '"' && field.trim() === '') {
			quoted = true;
			field = '';
		} else if (ch === separator) {
			row.push(field);
			field = '';
		} else if (ch === '\r' || ch === '\n') {
			endRow();
			if (ch === '\r' && text[i + 1] === '\n') i++;
		} else field += ch;
		i++;
	}
	if (field !== '' || row.length) endRow();
	return rows;
}

function csvField(value: string | number | null | undefined): string {
	const s = value == null ? '' : String(value);
	// A leading =, +, - or @ would run as a formula in a spreadsheet (CSV injection).
	const safe = /^[=+\-@]/.test(s) ? `'${s}` : s;
	return /[",;\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** A CSV file for spreadsheets: UTF-8 with a byte-order mark (so Excel reads accents), CRLF lines. */
export function toCsv(rows: (string | number | null | undefined)[][]): string {
	return '\uFEFF' + rows.map((r) => r.map(csvField).join(',')).join('\r\n') + '\r\n';
}
