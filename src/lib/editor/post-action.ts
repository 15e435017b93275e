import { deserialize } from '$app/forms';
import type { ActionResult } from '@sveltejs/kit';

/**
 * Posts a form to one of the page's actions (`?/save`) as `use:enhance` does, without touching
 * the page's `form`: the editor saves and previews while the trainer keeps typing.
 */
export async function postAction(action: string, body: FormData): Promise<ActionResult> {
	try {
		const res = await fetch(action, {
			method: 'POST',
			body,
			headers: { accept: 'application/json', 'x-sveltekit-action': 'true' }
		});
		return deserialize(await res.text());
	} catch (e) {
		return { type: 'error', error: e };
	}
}
