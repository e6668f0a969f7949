import { featureModule } from '../../common/feature-module';
import { TagModule } from './tag.module';
import { TagEntity } from './tag.entity';
import { AddTags1795508402329 } from './migrations/1795508402329-AddTags';

export * from './tag.module';
export * from './tag.service';
export * from './tag.entity';
export * from './dto/tag.type';

/** The module's manifest: listed once in `modules/index.ts`. */
export const tagFeature = featureModule({
  name: 'tag',
  module: TagModule,
  entities: [TagEntity],
  migrations: [AddTags1795508402329],
});
