import { render, screen } from '@testing-library/react';
import { Provider, type Client } from 'urql';
import { fromValue, never } from 'wonka';
import { describe, expect, it } from 'vitest';
import { App } from './App';

const clientReturning = (source: ReturnType<typeof fromValue> | ReturnType<typeof never>) =>
  ({ executeQuery: () => source }) as unknown as Client;

describe('App', () => {
  it('shows the API status once the health query answers', () => {
    const client = clientReturning(fromValue({ data: { health: { status: 'ok', version: '1.2.3' } } }));
    render(
      <Provider value={client}>
        <App />
      </Provider>,
    );
    expect(screen.getByText('API ok (version 1.2.3)')).toBeDefined();
  });

  it('says it is checking while the query runs', () => {
    render(
      <Provider value={clientReturning(never)}>
        <App />
      </Provider>,
    );
    expect(screen.getByRole('status').textContent).toMatch(/Checking/);
  });
});
