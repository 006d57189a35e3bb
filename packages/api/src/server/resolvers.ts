import type { NonEmptyArray } from 'type-graphql';
import { HealthResolver } from '../modules/health/health.resolver.js';
import { PlatformsResolver } from '../modules/platforms/platforms.resolver.js';

/** Every resolver class of the schema. */
export const resolvers: NonEmptyArray<Function> = [HealthResolver, PlatformsResolver];
