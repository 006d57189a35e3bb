import { AnyCredential } from '../../auth/scope.js';
import { Query, Resolver } from 'type-graphql';
import { Health } from './health.model.js';
import { checkHealth } from './health.service.js';

@Resolver()
export class HealthResolver {
  @AnyCredential()
  @Query(() => Health, { description: 'Liveness and readiness of this instance. Needs no sign-in.' })
  health(): Promise<Health> {
    return checkHealth();
  }
}
