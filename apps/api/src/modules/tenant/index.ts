import { featureModule } from '../../common/feature-module';
import { TenantModule } from './tenant.module';
import { TenantEntity } from './tenant.entity';

export * from './tenant.entity';
export * from './tenant.service';
export * from './tenant.module';
export * from './dto/tenant.type';

/** The module's manifest: listed once in `modules/index.ts`. */
export const tenantFeature = featureModule({
  name: 'tenant',
  module: TenantModule,
  entities: [TenantEntity],
  migrations: [],
});
