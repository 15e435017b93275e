import type { AuthUser } from '$lib/server/auth/roles';
import type { QuizAttempt } from '$lib/server/quizzes/attempts';

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
			/**
			 * The quiz's attempts as the "save" action left them, read by the quiz page's load
			 * in the same request instead of reading them again (quizzes/quiz-page.ts).
			 */
			quizAttempts?: QuizAttempt[];
		}
	}
}

export {};
