import { featureModule } from '../../common/feature-module';
import { InvitationModule } from './invitation.module';
import { InvitationEntity } from './invitation.entity';
import { AddInvitations1795506809173 } from './migrations/1795506809173-AddInvitations';

export * from './invitation.module';
export * from './invitation.entity';
export * from './invitation.constants';

/** The module's manifest: listed once in `modules/index.ts`. */
export const invitationFeature = featureModule({
  name: 'invitation',
  module: InvitationModule,
  entities: [InvitationEntity],
  migrations: [AddInvitations1795506809173],
});
