import { getDb } from '$lib/server/db';
import { myCourses } from '$lib/server/enrolment/my-courses';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals }) => {
	const user = locals.user;
	if (!user) return { roles: [], courses: [] };
	return {
		// Staff roles only: every account is a learner, so saying so tells nobody anything.
		roles: user.roles.map((r) => r.role),
		courses: await myCourses(getDb(), user.id)
	};
};
