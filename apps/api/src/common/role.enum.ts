import { registerEnumType } from '@nestjs/graphql';

/** A member's role in a tenant (the contract's `Role`). */
export enum Role {
  OWNER = 'OWNER',
  ADMIN = 'ADMIN',
  MEMBER = 'MEMBER',
}

registerEnumType(Role, { name: 'Role' });

export const ROLES = Object.values(Role);
