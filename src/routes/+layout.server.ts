import { hasRole } from '$lib/server/auth/roles';
import { getLocale } from '$lib/paraglide/runtime';
import type { LayoutServerLoad } from './$types';

export const load: LayoutServerLoad = ({ locals }) => {
	const user = locals.user;
	return {
		locale: getLocale(),
		user: user && {
			id: user.id,
			fullName: user.fullName,
			isAdmin: hasRole(user, 'admin'),
			isTrainer: hasRole(user, 'trainer') || hasRole(user, 'admin'),
			isCoordinator: hasRole(user, 'coordinator'),
			isCouncil: hasRole(user, 'council') || hasRole(user, 'admin')
		}
	};
};
