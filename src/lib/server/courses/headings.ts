/**
 * Ids of module headings, so a quiz can link a missed objective to the section that teaches it.
 * @example headingId('La estructura: el Título I') // 'la-estructura-el-titulo-i'
 */
export function headingId(text: string): string {
	return text
		.normalize('NFD')
		.replace(/\p{Mn}/gu, '')
		.toLowerCase()
		.replace(/[^a-z0-9]+/g, '-')
		.replace(/^-+|-+$/g, '');
}
