import type { AuthUser } from '$lib/server/auth/roles';

declare global {
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
