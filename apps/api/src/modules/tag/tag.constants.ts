/** Limits of the tag module. */
export const TAG_NAME_MAX_LENGTH = 100;
/** Unique per tenant, case-insensitively: (tenant_id, lower(name)). */
export const TAG_NAME_UNIQUE = 'UQ_tags_tenant_lower_name';
