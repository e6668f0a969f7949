import { Field, ID, ObjectType } from '@nestjs/graphql';
import { UserType, type UserFields } from '../../user';
import { Role } from '../../../common/role.enum';
import { ConnectionType } from '../../../common/pagination';
import { InvitationStatus } from '../invitation.constants';
import type { InvitationEntity } from '../invitation.entity';

/** The contract's `Invitation`. */
@ObjectType('Invitation')
export class InvitationType {
  @Field(() => ID)
  id!: string;

  @Field()
  email!: string;

  @Field(() => Role)
  role!: Role;

  @Field(() => InvitationStatus)
  status!: InvitationStatus;

  @Field(() => UserType)
  invitedBy!: UserType;

  @Field()
  expiresAt!: Date;

  @Field()
  createdAt!: Date;

  static from(
    invitation: Pick<InvitationEntity, 'id' | 'email' | 'role' | 'status' | 'expiresAt' | 'createdAt'>,
    invitedBy: UserFields,
  ): InvitationType {
    return Object.assign(new InvitationType(), {
      id: invitation.id,
      email: invitation.email,
      role: invitation.role,
      status: invitation.status,
      invitedBy: UserType.from(invitedBy),
      expiresAt: invitation.expiresAt,
      createdAt: invitation.createdAt,
    });
  }
}

export const InvitationConnection = ConnectionType(InvitationType, 'Invitation');
