import { Client, cacheExchange, fetchExchange, subscriptionExchange } from 'urql';

/** The GraphQL client. Authentication is added with the auth feature. */
export function createClient(): Client {
  return new Client({
    url: '/graphql',
    // POST keeps Apollo's CSRF protection happy (a bare GET is a "simple" cross-site request).
    preferGetMethod: false,
    exchanges: [cacheExchange, fetchExchange],
  });
}

export { subscriptionExchange };
