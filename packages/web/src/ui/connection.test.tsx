import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { Client, fetchExchange, Provider, useQuery } from 'urql';
import { parse } from 'graphql';
import { connection } from '../lib/connection';
import { ConnectionBanner } from './ConnectionBanner';
import { ErrorState } from './States';

const Q = parse('query Section($n: Int) { value(n: $n) }');

function Section({ n }: { n: number }) {
  const [{ data, error }, refetch] = useQuery({ query: Q, variables: { n } });
  if (data) return <p>Section {n}: {String((data as { value: number }).value)}</p>;
  if (error) return <ErrorState error={error} onRetry={() => refetch({ requestPolicy: 'network-only' })} />;
  return <p>Loading {n}</p>;
}

afterEach(() => connection.set(false));

describe('offline', () => {
  it('shows one banner with a retry instead of an error per section, and retry reloads everything', async () => {
    let online = false;
    const calls: number[] = [];
    const fetch = async (_url: RequestInfo | URL, init?: RequestInit) => {
      const { variables } = JSON.parse(String(init?.body)) as { variables: { n: number } };
      calls.push(variables.n);
      if (!online) throw new TypeError('Failed to fetch');
      return new Response(JSON.stringify({ data: { value: variables.n * 10 } }), { headers: { 'content-type': 'application/json' } });
    };
    const client = new Client({ url: 'http://soash.test/graphql', exchanges: [connection.exchange, fetchExchange], fetch: fetch as typeof globalThis.fetch, preferGetMethod: false });
    render(
      <Provider value={client}>
        <ConnectionBanner />
        {[1, 2, 3, 4, 5, 6].map((n) => (
          <Section key={n} n={n} />
        ))}
      </Provider>,
    );
    const banner = await screen.findByText('Cannot reach the server.');
    await waitFor(() => expect(screen.getAllByText('Not loaded: the server cannot be reached.')).toHaveLength(6));
    // One alert on the page: the banner.
    expect(screen.getAllByRole('alert')).toHaveLength(1);
    expect(screen.queryByText('Something went wrong')).toBeNull();
    expect(banner).toBeDefined();

    online = true;
    fireEvent.click(screen.getByRole('button', { name: 'Retry' }));
    await waitFor(() => expect(screen.getByText('Section 6: 60')).toBeDefined());
    expect(screen.getByText('Section 1: 10')).toBeDefined();
    expect(screen.queryByText('Cannot reach the server.')).toBeNull();
  });

  it('without a banner on screen, a section still shows its own error', async () => {
    const client = new Client({ url: 'http://soash.test/graphql', exchanges: [connection.exchange, fetchExchange], fetch: (async () => { throw new TypeError('Failed to fetch'); }) as typeof globalThis.fetch });
    render(
      <Provider value={client}>
        <Section n={1} />
      </Provider>,
    );
    expect((await screen.findByRole('alert')).textContent).toMatch(/Cannot reach the server/);
  });
});
