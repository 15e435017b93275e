// Progress in an open course, kept in this browser only (localStorage): nothing is sent, no
// cookie is set. Without JavaScript the course reads the same, only without the ticks.
(() => {
	const KEY = 'aula-abierto:';
	const read = (slug) => {
		try {
			return JSON.parse(localStorage.getItem(KEY + slug) || '{}');
		} catch {
			return {};
		}
	};
	const write = (slug, progress) => {
		try {
			localStorage.setItem(KEY + slug, JSON.stringify(progress));
		} catch {
			// Private browsing or storage full: progress is simply not kept.
		}
	};
	for (const el of document.querySelectorAll('[data-open-course]')) {
		const slug = el.dataset.openCourse;
		const progress = read(slug);
		if (el.dataset.openRead) progress[el.dataset.openRead] ||= 'read';
		if (el.dataset.openPassed) progress[el.dataset.openPassed] = 'passed';
		write(slug, progress);
		for (const item of el.querySelectorAll('[data-open-module]')) {
			const state = progress[item.dataset.openModule];
			if (!state) continue;
			const tag = document.createElement('span');
			tag.className = 'tag done';
			tag.textContent = state === 'passed' ? el.dataset.labelPassed : el.dataset.labelRead;
			item.append(' ', tag);
		}
	}
})();
