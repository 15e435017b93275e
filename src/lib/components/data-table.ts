import type { Snippet } from 'svelte';

/**
 * One column of a DataTable: its header and how to show a row's cell, as plain text (`value`) or
 * as markup (`cell`, a snippet that gets the row).
 * @example { label: m.table_units(), num: true, value: (i) => i.units }
 */
export type Column<Row> = {
	label: string;
	/** Figures: header and cells right-aligned with tabular digits (`.num`). */
	num?: boolean;
	/** The cell names its row: `<th scope="row">` instead of `<td>`. */
	rowHeader?: boolean;
	/** Extra class on each body cell of the column. */
	class?: string;
	value?: (row: Row) => string | number;
	cell?: Snippet<[Row]>;
};
