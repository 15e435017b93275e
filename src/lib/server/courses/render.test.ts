import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { findCourse } from './catalog';
import { splitFrontmatter } from './frontmatter';
import { headingId, markdownHeadings } from './headings';
import { IssueList } from './issues';
import { renderCourseMarkdown } from './render';

describe('renderCourseMarkdown', () => {
	it('gives every ## and ### heading of a module the anchor its objectives link to', async () => {
		const course = findCourse('frontera');
		const module = course?.modules[0];
		if (!course || !module) throw new Error('frontera has no first module');
		const { html } = await renderCourseMarkdown(course, module.slug);
		const fm = splitFrontmatter(module.file, readFileSync(module.file, 'utf8'), new IssueList());
		const headings = markdownHeadings(fm?.body ?? '', 1);
		expect(headings.length).toBeGreaterThan(3);
		for (const h of headings) expect(html).toMatch(new RegExp(`<h[23] id="${headingId(h.text)}"`));
	});

	it('wraps each table in a scrolling box with a name of its own (two regions may not share one)', async () => {
		const course = findCourse('ley-263-policia');
		if (!course) throw new Error('no ley-263-policia');
		const { html } = await renderCourseMarkdown(course, '01-marco-general');
		const names = [...html.matchAll(/class="table-scroll"[^>]*aria-label="([^"]+)"/g)].map(
			(x) => x[1]
		);
		expect(names.length).toBeGreaterThan(1);
		expect(new Set(names).size).toBe(names.length);
		expect((html.match(/<table>/g) ?? []).length).toBe(names.length);
	});
});
