/**
 * Every feature module of the API, listed once. The app module imports their
 * Nest modules and the database registry takes their entities and
 * migrations from here, so adding a module is one import and one entry
 * (`yarn module:new` writes both, through the TypeScript AST).
 */
import type { FeatureModule } from '../common/feature-module';
import { userFeature } from './user';
import { tenantFeature } from './tenant';
import { membershipFeature } from './membership';
import { sessionFeature } from './session';
import { authFeature } from './auth';
import { invitationFeature } from './invitation';
import { tagFeature } from './tag';
import { productFeature } from './product';
import { auditFeature } from './audit';

export const FEATURE_MODULES: readonly FeatureModule[] = [
  userFeature,
  tenantFeature,
  membershipFeature,
  sessionFeature,
  authFeature,
  invitationFeature,
  tagFeature,
  productFeature,
  auditFeature,
];
