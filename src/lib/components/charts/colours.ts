/** Series colours of the report charts (pages and PDF): each at least 3:1 against white (WCAG 1.4.11). */
export const SERIES_COLOURS = ['#1f4e5f', '#b4541a', '#5a6b1f'] as const;
/** Dash patterns, so lines differ without colour too (WCAG 1.4.1). */
export const SERIES_DASHES = ['none', '7 4', '2 3'] as const;
