/** Display names for values stored as codes (sectors, roles, countries), in the current language. */
import { m } from '$lib/paraglide/messages';

const byKey = m as unknown as Record<string, (() => string) | undefined>;

export const sectorLabel = (sector: string) => byKey[`sector_${sector.replace('-', '_')}`]?.() ?? sector;
export const roleLabel = (role: string) => byKey[`role_${role}`]?.() ?? role;
export const countryLabel = (country: string) => byKey[`country_${country}`]?.() ?? country;
