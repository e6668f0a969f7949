export { featureModuleGenerator, type FeatureModuleOptions } from './feature-module/generator';
