import { featureModule } from '../../common/feature-module';
import { MembershipModule } from './membership.module';
import { MembershipEntity } from './membership.entity';

export * from '../../common/role.enum';
export * from './membership.entity';
export * from './membership.service';
export * from './membership.module';
export * from './dto/membership.type';

/** The module's manifest: listed once in `modules/index.ts`. */
export const membershipFeature = featureModule({
  name: 'membership',
  module: MembershipModule,
  entities: [MembershipEntity],
  migrations: [],
});
