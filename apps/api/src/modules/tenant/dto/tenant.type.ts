import { Field, ID, ObjectType } from '@nestjs/graphql';
import type { TenantEntity } from '../tenant.entity';

@ObjectType('Tenant')
export class TenantType {
  @Field(() => ID)
  id!: string;

  @Field()
  name!: string;

  @Field()
  slug!: string;

  @Field()
  createdAt!: Date;

  static from(tenant: TenantEntity): TenantType {
    return Object.assign(new TenantType(), {
      id: tenant.id,
      name: tenant.name,
      slug: tenant.slug,
      createdAt: tenant.createdAt,
    });
  }
}
