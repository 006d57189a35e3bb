import { fireEvent, render, screen } from '@testing-library/react';
import { useState } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { DataTable } from './DataTable';
import { addDays, DateRangePicker, presetRange, todayIn, type DateRangeValue } from './DateRangePicker';
import { Heatmap } from './Heatmap';
import { KpiCard } from './KpiCard';
import { ErrorState } from './States';
import { TextField } from './Field';

describe('DataTable', () => {
  const rows = [
    { id: 'a', name: 'First', likes: 3 },
    { id: 'b', name: 'Second', likes: 9 },
  ];
  const columns = [
    { key: 'name', header: 'Post', render: (r: (typeof rows)[number]) => r.name },
    { key: 'likes', header: 'Likes', render: (r: (typeof rows)[number]) => r.likes, sortField: 'ENGAGEMENT', numeric: true },
  ];

  it('marks the sorted column and flips direction on a second click', () => {
    const onSort = vi.fn();
    render(<DataTable caption="Posts" columns={columns} rows={rows} rowKey={(r) => r.id} sort={{ field: 'ENGAGEMENT', direction: 'DESC' }} onSort={onSort} />);
    const header = screen.getByRole('columnheader', { name: /Likes/ });
    expect(header.getAttribute('aria-sort')).toBe('descending');
    fireEvent.click(screen.getByRole('button', { name: /Likes/ }));
    expect(onSort).toHaveBeenCalledWith('ENGAGEMENT', 'ASC');
  });

  it('starts a new sort column descending', () => {
    const onSort = vi.fn();
    render(<DataTable caption="Posts" columns={columns} rows={rows} rowKey={(r) => r.id} sort={{ field: 'PUBLISHED_AT', direction: 'ASC' }} onSort={onSort} />);
    expect(screen.getByRole('columnheader', { name: /Likes/ }).getAttribute('aria-sort')).toBe('none');
    fireEvent.click(screen.getByRole('button', { name: /Likes/ }));
    expect(onSort).toHaveBeenCalledWith('ENGAGEMENT', 'DESC');
  });
});

describe('DateRangePicker', () => {
  it('computes inclusive preset ranges in the user timezone', () => {
    const now = new Date('2026-03-10T23:30:00Z');
    expect(todayIn('UTC', now)).toBe('2026-03-10');
    expect(todayIn('Etc/GMT-2', now)).toBe('2026-03-11');
    expect(presetRange('7d', 'UTC', now)).toEqual({ from: '2026-03-04', to: '2026-03-10' });
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
  });

  it('switches presets and comparison, and flags an inverted custom range', () => {
    function Harness() {
      const [v, setV] = useState<DateRangeValue>({ preset: '28d', from: '2026-01-01', to: '2026-01-28', compare: 'PREVIOUS_PERIOD' });
      return (
        <>
          <DateRangePicker value={v} onChange={setV} timeZone="UTC" />
          <output data-testid="v">{JSON.stringify(v)}</output>
        </>
      );
    }
    render(<Harness />);
    fireEvent.change(screen.getByLabelText('Compare with'), { target: { value: 'PREVIOUS_YEAR' } });
    fireEvent.change(screen.getByLabelText('Range'), { target: { value: 'custom' } });
    fireEvent.change(screen.getByLabelText('From'), { target: { value: '2026-02-01' } });
    expect(JSON.parse(screen.getByTestId('v').textContent!)).toMatchObject({ preset: 'custom', from: '2026-02-01', compare: 'PREVIOUS_YEAR' });
    expect(screen.getByRole('alert').textContent).toMatch(/start date/);
  });
});

describe('Heatmap', () => {
  it('describes every cell, including fallbacks and intervals', () => {
    render(
      <Heatmap
        label="Best times"
        cells={[
          { dayOfWeek: 2, hour: 18, value: 0.051, sampleSize: 12, low: 0.04, high: 0.06 },
          { dayOfWeek: 7, hour: 3, value: 0.02, sampleSize: 40, posts: 1, fallback: 'hour' },
          { dayOfWeek: 7, hour: 4, value: 0.03, sampleSize: 160, posts: 0, fallback: 'overall', low: 0.025, high: 0.035 },
        ]}
      />,
    );
    expect(screen.getByRole('img', { name: /Tue 18:00 — 5.10% from 12 posts, likely between 4.00% and 6.00%/ })).toBeDefined();
    // A fallback says which average it shows and how many posts are behind that number.
    expect(screen.getByRole('img', { name: 'Sun 03:00 — too few posts here (1): 2.00% is the 03:00 average over all weekdays, from 40 posts' })).toBeDefined();
    const overall = screen.getByRole('img', { name: /Sun 04:00 — too few posts here \(0\): 3.00% is the overall average, from 160 posts, likely between 2.50% and 3.50%/ });
    expect(screen.getAllByRole('img')).toHaveLength(7 * 24);
    // Hatching is the .fallback class's background-image: the colour must not be set with the
    // `background` shorthand, which resets background-image to none.
    expect(overall.classList.contains('fallback')).toBe(true);
    expect(overall.getAttribute('style')).toMatch(/background-color:/);
    expect(overall.getAttribute('style')).not.toMatch(/background:/);
    expect(overall.style.backgroundImage).toBe('');
  });
});

describe('KpiCard', () => {
  it('colours a rise as good unless the metric is inverted', () => {
    const { rerender, container } = render(<KpiCard label="Followers" value="1,200" previous="1,000" deltaRatio={0.2} />);
    expect(container.querySelector('.delta-up')?.textContent).toBe('+20.0%');
    rerender(<KpiCard label="Unfollows" value="12" deltaRatio={0.2} invert />);
    expect(container.querySelector('.delta-down')).not.toBeNull();
  });
});

describe('states and fields', () => {
  it('shows GraphQL messages and offers a retry', () => {
    const onRetry = vi.fn();
    const err = Object.assign(new Error('x'), { graphQLErrors: [{ message: 'Platform not found' }], networkError: undefined });
    render(<ErrorState error={err as never} onRetry={onRetry} />);
    expect(screen.getByRole('alert').textContent).toContain('Platform not found');
    fireEvent.click(screen.getByRole('button', { name: 'Try again' }));
    expect(onRetry).toHaveBeenCalled();
  });

  it('ties an error message to its input', () => {
    render(<TextField label="Email" error="Enter a valid email" />);
    const input = screen.getByLabelText('Email');
    expect(input.getAttribute('aria-invalid')).toBe('true');
    expect(document.getElementById(input.getAttribute('aria-describedby')!)?.textContent).toBe('Enter a valid email');
  });
});
