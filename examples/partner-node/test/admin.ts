import { SoashClient } from '../src/client.js';
import { graphql } from '../src/gql/index.js';
import type { ApiScope } from '../src/gql/graphql.js';

/**
 * What a workspace admin does for a partner, signed in (in real life in Settings → API keys):
 * the test does it through GraphQL before acting as the partner with only the key.
 */
export const LoginDocument = graphql(`
  mutation AdminLogin($email: String!, $password: String!) {
    login(input: { email: $email, password: $password }) {
      accessToken
    }
  }
`);

export const CreateKeyDocument = graphql(`
  mutation AdminCreateApiKey($name: String!, $scopes: [ApiScope!]!) {
    createApiKey(input: { name: $name, scopes: $scopes }) {
      secret
      apiKey {
        id
        prefix
        scopes
        status
      }
    }
  }
`);

export const SyncStateDocument = graphql(`
  query AdminSyncState {
    platforms {
      id
      type
      lastSyncedAt
    }
    activities(first: 1) {
      totalCount
    }
  }
`);

export async function signIn(endpoint: string, email: string, password: string): Promise<SoashClient> {
  const anonymous = new SoashClient({ endpoint });
  const { data } = await anonymous.request(LoginDocument, { email, password });
  return new SoashClient({ endpoint, token: data.login.accessToken });
}

export async function createKey(admin: SoashClient, name: string, scopes: ApiScope[]) {
  const { data } = await admin.request(CreateKeyDocument, { name, scopes });
  return data.createApiKey;
}

/** Waits until every account has finished its first sync and the post count holds still. */
export async function untilSynced(admin: SoashClient, timeoutMs = 180_000): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  let last = -1;
  for (;;) {
    const { data } = await admin.request(SyncStateDocument);
    const synced = data.platforms.length > 0 && data.platforms.every((p) => p.lastSyncedAt);
    const count = data.activities.totalCount;
    if (synced && count > 0 && count === last) return count;
    last = synced ? count : -1;
    if (Date.now() > deadline) throw new Error(`the demo accounts did not finish syncing (${JSON.stringify(data)})`);
    await new Promise((r) => setTimeout(r, 3000));
  }
}
