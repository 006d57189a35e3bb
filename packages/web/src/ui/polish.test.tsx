import { act, fireEvent, render, screen } from '@testing-library/react';
import { useState } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { gapCount, isIsolated, TimeSeriesChart } from './charts/TimeSeriesChart';
import { BarChartView, shortLabel } from './charts/BarChartCard';
import { ConfirmDialog } from './ConfirmDialog';
import { overflowSides, TableWrap } from './TableWrap';

describe('charts', () => {
  const data = [
    { bucket: '2026-03-01', rate: null },
    { bucket: '2026-03-02', rate: 0.05 },
    { bucket: '2026-03-03', rate: null },
    { bucket: '2026-03-04', rate: 0.04 },
    { bucket: '2026-03-05', rate: 0.06 },
  ];

  it('finds values with no neighbour (drawn as points, a line cannot show them) and counts gaps', () => {
    expect([0, 1, 2, 3, 4].map((i) => isIsolated(data, 'rate', i))).toEqual([false, true, false, false, false]);
    expect(gapCount(data, 'rate')).toBe(2);
  });

  it('keeps the hidden table in a clipped box (a table ignores its own clipping and used to add blank scroll), with dates and gap wording', () => {
    const { container } = render(<TimeSeriesChart label="Engagement rate per day" data={data} series={[{ key: 'rate', label: 'Engagement rate' }]} gapLabel="No posts" valueFormat={(v) => `${v * 100}%`} />);
    const table = container.querySelector('table')!;
    expect(table.classList.contains('sr-only')).toBe(false);
    expect(table.parentElement!.classList.contains('sr-only')).toBe(true);
    const rows = [...table.querySelectorAll('tbody tr')].map((tr) => tr.textContent);
    expect(rows[0]).toBe('1 Mar 2026No posts');
    expect(rows[1]).toBe('2 Mar 20265%');
  });

  it('labels bar values by name and wraps the hidden table too', () => {
    const { container } = render(<BarChartView label="Engagements by account" valueLabel="Engagements" data={[{ label: 'Instagram · @crumbbakery', value: 12, note: '1 post' }]} />);
    expect(container.querySelector('table')!.parentElement!.classList.contains('sr-only')).toBe(true);
    expect(container.querySelector('tbody tr')!.textContent).toBe('Instagram · @crumbbakery121 post');
    expect(shortLabel('Instagram · @crumbbakery', 12)).toBe('Instagram ·…');
  });
});

describe('TableWrap', () => {
  const proto = HTMLElement.prototype;
  const original = { sw: Object.getOwnPropertyDescriptor(proto, 'scrollWidth'), cw: Object.getOwnPropertyDescriptor(proto, 'clientWidth') };
  afterEach(() => {
    if (original.sw) Object.defineProperty(proto, 'scrollWidth', original.sw);
    if (original.cw) Object.defineProperty(proto, 'clientWidth', original.cw);
  });

  it('reads which side hides columns', () => {
    expect(overflowSides({ scrollLeft: 0, scrollWidth: 800, clientWidth: 340 })).toEqual({ left: false, right: true });
    expect(overflowSides({ scrollLeft: 460, scrollWidth: 800, clientWidth: 340 })).toEqual({ left: true, right: false });
    expect(overflowSides({ scrollLeft: 0, scrollWidth: 340, clientWidth: 340 })).toEqual({ left: false, right: false });
  });

  it('says that a wide table scrolls and makes it keyboard-scrollable', () => {
    Object.defineProperty(proto, 'scrollWidth', { configurable: true, get: () => 800 });
    Object.defineProperty(proto, 'clientWidth', { configurable: true, get: () => 340 });
    render(
      <TableWrap label="Hashtags by lift">
        <table>
          <tbody>
            <tr>
              <td>x</td>
            </tr>
          </tbody>
        </table>
      </TableWrap>,
    );
    expect(screen.getByText('More columns: scroll sideways →')).toBeDefined();
    const region = screen.getByRole('region', { name: 'Hashtags by lift (scrolls sideways)' });
    expect(region.getAttribute('tabindex')).toBe('0');
  });

  it('adds nothing when the table fits', () => {
    Object.defineProperty(proto, 'scrollWidth', { configurable: true, get: () => 300 });
    Object.defineProperty(proto, 'clientWidth', { configurable: true, get: () => 340 });
    render(
      <TableWrap label="Fits">
        <table />
      </TableWrap>,
    );
    expect(screen.queryByText(/scroll sideways/)).toBeNull();
    expect(screen.queryByRole('region')).toBeNull();
  });
});

describe('ConfirmDialog', () => {
  function Harness() {
    const [open, setOpen] = useState(false);
    return (
      <>
        <button type="button" onClick={() => setOpen(true)}>
          Disconnect
        </button>
        <ConfirmDialog open={open} title="Disconnect?" onCancel={() => setOpen(false)} onConfirm={() => setOpen(false)} />
      </>
    );
  }

  it('puts focus back on the control that opened it, after Escape or a button', () => {
    render(<Harness />);
    const opener = screen.getByRole('button', { name: 'Disconnect' });
    opener.focus();
    fireEvent.click(opener);
    const dialog = document.querySelector('dialog')!;
    expect(dialog.open).toBe(true);
    (dialog.querySelector('button') as HTMLButtonElement).focus();
    // Escape fires the dialog's cancel event.
    act(() => {
      dialog.dispatchEvent(new Event('cancel', { cancelable: true }));
    });
    expect(dialog.open).toBe(false);
    expect(document.activeElement).toBe(opener);

    fireEvent.click(opener);
    (dialog.querySelector('button') as HTMLButtonElement).focus();
    fireEvent.click(screen.getByRole('button', { name: 'Confirm', hidden: true }));
    expect(document.activeElement).toBe(opener);
  });
});
