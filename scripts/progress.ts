/** Progress for long command-line jobs: a bar on a terminal, a line every 10 % otherwise (CI logs). */
export class Progress {
	readonly #label: string;
	readonly #total: number;
	readonly #started = performance.now();
	#lastDecile = -1;

	constructor(label: string, total: number) {
		this.#label = label;
		this.#total = total;
	}

	update(done: number) {
		const seconds = ((performance.now() - this.#started) / 1000).toFixed(0);
		const share = this.#total ? done / this.#total : 1;
		if (!process.stderr.isTTY) {
			const decile = Math.floor(share * 10);
			if (decile > this.#lastDecile) {
				this.#lastDecile = decile;
				console.error(
					`${this.#label}: ${done}/${this.#total} (${Math.round(share * 100)} %, ${seconds} s)`
				);
			}
			return;
		}
		const width = 30;
		const filled = Math.round(share * width);
		process.stderr.write(
			`\r${this.#label} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${this.#total} ${seconds} s`
		);
		if (done >= this.#total) process.stderr.write('\n');
	}
}
