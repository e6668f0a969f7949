import { featureModule } from '../../common/feature-module';
import { UserModule } from './user.module';
import { UserEntity } from './user.entity';
import { UsersEmailLowercase1795505437284 } from './migrations/1795505437284-UsersEmailLowercase';

export * from './user.entity';
export * from './user.service';
export * from './user.module';
export * from './dto/user.type';
export * from './user.columns';

/** The module's manifest: listed once in `modules/index.ts`. */
export const userFeature = featureModule({
  name: 'user',
  module: UserModule,
  entities: [UserEntity],
  migrations: [UsersEmailLowercase1795505437284],
});
