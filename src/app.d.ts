import type { AuthUser } from '$lib/server/auth/roles';

declare global {
	interface Window {
		/** Puts back what was typed before hydration (the inline script in app.html). */
		__aulaRestoreTyped?: () => void;
	}
	namespace App {
		interface Error {
			message: string;
		}
		interface Locals {
			user: AuthUser | null;
			sessionId: string | null;
		}
	}
}

export {};
