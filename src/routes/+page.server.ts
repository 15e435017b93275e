import type { PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals }) => {
	const user = locals.user;
	return {
		roles: user ? ['learner', ...user.roles.map((r) => r.role)] : []
	};
};
