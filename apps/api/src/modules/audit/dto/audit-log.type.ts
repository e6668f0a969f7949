import { Field, ID, ObjectType } from '@nestjs/graphql';
import { ConnectionType } from '../../../common/pagination';
import type { AuditLogEntity } from '../audit-log.entity';

/** One entry of the tenant's audit trail. */
@ObjectType('AuditLog')
export class AuditLogType {
  @Field(() => ID)
  id!: string;

  @Field()
  createdAt!: Date;

  @Field({ description: 'e.g. member.role_changed, product.deleted, auth.login_failed' })
  action!: string;

  @Field(() => ID, { nullable: true, description: 'Who did it (null: nobody signed in).' })
  actorUserId!: string | null;

  @Field(() => String, { nullable: true })
  resourceType!: string | null;

  @Field(() => String, { nullable: true })
  resourceId!: string | null;

  @Field(() => String, { nullable: true, description: 'The x-request-id of the request that did it.' })
  requestId!: string | null;

  @Field(() => String, { nullable: true })
  ip!: string | null;

  @Field(() => String, { nullable: true })
  userAgent!: string | null;

  @Field({ description: 'More about the action, as a JSON object.' })
  details!: string;

  static from(row: Omit<AuditLogEntity, 'tenantId'>): AuditLogType {
    return Object.assign(new AuditLogType(), {
      id: row.id,
      createdAt: row.createdAt,
      action: row.action,
      actorUserId: row.actorUserId,
      resourceType: row.resourceType,
      resourceId: row.resourceId,
      requestId: row.requestId,
      ip: row.ip,
      userAgent: row.userAgent,
      details: JSON.stringify(row.details),
    });
  }
}

export const AuditLogConnection = ConnectionType(AuditLogType, 'AuditLog');
