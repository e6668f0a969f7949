/** Token and session lifetimes (ASVS 5.0 chapters 7 and 10). */
export const ACCESS_TOKEN_TTL_SECONDS = 15 * 60;
export const REFRESH_TOKEN_TTL_SECONDS = 7 * 24 * 3600;
export const SESSION_MAX_AGE_SECONDS = 30 * 24 * 3600;
export const ACCESS_TOKEN_TYPE = 'at+jwt';
export const REFRESH_TOKEN_TYPE = 'refresh+jwt';
export const JWT_ISSUER = 'saas-api';
export const JWT_AUDIENCE = 'saas-api';
