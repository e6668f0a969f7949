/** Lifetimes and limits of the auth module (ASVS 5.0 chapter 6); token lifetimes are in ../session. */
export const PASSWORD_RESET_TTL_SECONDS = 3600;
export const EMAIL_VERIFICATION_TTL_SECONDS = 24 * 3600;
export const PASSWORD_MIN_LENGTH = 10;
export const PASSWORD_MAX_LENGTH = 128;
export const RATE_LIMIT_WINDOW_SECONDS = 15 * 60;
