import { Field, Int, ObjectType } from '@nestjs/graphql';
import { Role } from '../../membership';
import { TenantType } from '../../tenant';
import { UserType } from '../../user';

@ObjectType('AuthPayload')
export class AuthPayloadType {
  @Field({ description: 'RS256 JWT, short-lived' })
  accessToken!: string;

  @Field({ description: 'Single use: rotated on refresh' })
  refreshToken!: string;

  @Field(() => Int, { description: 'Seconds until accessToken expires' })
  expiresIn!: number;

  @Field(() => UserType)
  user!: UserType;

  @Field(() => TenantType)
  tenant!: TenantType;

  @Field(() => Role)
  role!: Role;
}

@ObjectType('Me')
export class MeType {
  @Field(() => UserType)
  user!: UserType;

  @Field(() => TenantType)
  tenant!: TenantType;

  @Field(() => Role)
  role!: Role;

  @Field(() => [TenantType], { description: 'Every tenant this user belongs to' })
  tenants!: TenantType[];
}
