import { useQuery } from 'urql';
import { graphql } from './gql';

const HealthQuery = graphql(`
  query AppHealth {
    health {
      status
      version
    }
  }
`);

export function App() {
  const [{ data, fetching, error }, refetch] = useQuery({ query: HealthQuery });
  return (
    <main>
      <h1>Soash</h1>
      {fetching && <p role="status">Checking the API…</p>}
      {error && (
        <p role="alert">
          The API is not reachable: {error.message}{' '}
          <button type="button" onClick={() => refetch({ requestPolicy: 'network-only' })}>
            Retry
          </button>
        </p>
      )}
      {data && (
        <p>
          API {data.health.status} (version {data.health.version})
        </p>
      )}
    </main>
  );
}
