import { requireUser } from '$lib/server/auth/guard';
import { getDb } from '$lib/server/db';
import { myCourses } from '$lib/server/enrolment/my-courses';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const user = requireUser(event);
	return { items: await myCourses(getDb(), user.id) };
};
