/** Lifetimes and limits of the identity module (ASVS 5.0 chapters 6, 7, 10). */
export const ACCESS_TOKEN_TTL_SECONDS = 15 * 60;
/** Sliding lifetime of one refresh token. */
export const REFRESH_TOKEN_TTL_SECONDS = 7 * 24 * 3600;
/** Absolute lifetime of a login (its refresh-token family). */
export const SESSION_MAX_AGE_SECONDS = 30 * 24 * 3600;
export const PASSWORD_RESET_TTL_SECONDS = 3600;
export const EMAIL_VERIFICATION_TTL_SECONDS = 24 * 3600;
export const PASSWORD_MIN_LENGTH = 10;
export const PASSWORD_MAX_LENGTH = 128;
export const RATE_LIMIT_WINDOW_SECONDS = 15 * 60;

export const ACCESS_TOKEN_TYPE = 'at+jwt';
export const REFRESH_TOKEN_TYPE = 'refresh+jwt';
export const JWT_ISSUER = 'saas-api';
export const JWT_AUDIENCE = 'saas-api';
