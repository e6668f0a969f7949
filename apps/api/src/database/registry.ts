/**
 * The explicit lists of entities and migrations (no globs, so that the bundled
 * build and the TypeScript sources load exactly the same set). Every new
 * entity and migration is added here.
 */
import { InitIdentity1795436141544 } from './migrations/1795436141544-InitIdentity';
import { UsersEmailLowercase1795505437284 } from './migrations/1795505437284-UsersEmailLowercase';
import { AddOutbox1795505905987 } from './migrations/1795505905987-AddOutbox';
import { AddInvitations1795506809173 } from './migrations/1795506809173-AddInvitations';
import { AddTags1795508402329 } from './migrations/1795508402329-AddTags';
import { AddProducts1795508816173 } from './migrations/1795508816173-AddProducts';
import { AddAuditLogs1795520090699 } from './migrations/1795520090699-AddAuditLogs';
import { AddRowLevelSecurity1796100000000 } from './migrations/1796100000000-AddRowLevelSecurity';
import { RefreshTokenEntity, SessionEntity } from '../modules/session';
import { UserTokenEntity } from '../modules/auth/entities/user-token.entity';
import { MembershipEntity } from '../modules/membership';
import { TenantEntity } from '../modules/tenant';
import { UserEntity } from '../modules/user';
import { InvitationEntity } from '../modules/invitation/invitation.entity';
import { TagEntity } from '../modules/tag/tag.entity';
import { ProductEntity } from '../modules/product/product.entity';
import { ProductTagEntity } from '../modules/product/product-tag.entity';
import { AuditLogEntity } from '../modules/audit/audit-log.entity';
import { QUEUE_ENTITIES } from '@app/queue';

export const ENTITIES: (new () => unknown)[] = [
  UserEntity,
  TenantEntity,
  MembershipEntity,
  SessionEntity,
  RefreshTokenEntity,
  UserTokenEntity,
  InvitationEntity,
  TagEntity,
  ProductEntity,
  ProductTagEntity,
  AuditLogEntity,
  ...QUEUE_ENTITIES,
];

export const MIGRATIONS: (new () => unknown)[] = [
  InitIdentity1795436141544,
  UsersEmailLowercase1795505437284,
  AddOutbox1795505905987,
  AddInvitations1795506809173,
  AddTags1795508402329,
  AddProducts1795508816173,
  AddAuditLogs1795520090699,
  AddRowLevelSecurity1796100000000,
];
