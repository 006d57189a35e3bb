import type { NonEmptyArray } from 'type-graphql';
import { HealthResolver } from '../modules/health/health.resolver.js';
import { PlatformsResolver } from '../modules/platforms/platforms.resolver.js';
import { SyncResolver } from '../modules/sync/sync.resolver.js';

/** Every resolver class of the schema. */
export const resolvers: NonEmptyArray<Function> = [HealthResolver, PlatformsResolver, SyncResolver];
