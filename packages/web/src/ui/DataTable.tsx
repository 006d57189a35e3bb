import type { ReactNode } from 'react';
import { TableWrap } from './TableWrap';

export type SortDirection = 'ASC' | 'DESC';

export interface Column<T> {
  key: string;
  header: ReactNode;
  render: (row: T) => ReactNode;
  /** Set when the column can sort; the value is what the API sorts by. */
  sortField?: string;
  numeric?: boolean;
}

export interface DataTableProps<T> {
  caption: string;
  columns: Column<T>[];
  rows: T[];
  rowKey: (row: T) => string;
  sort?: { field: string; direction: SortDirection };
  onSort?: (field: string, direction: SortDirection) => void;
  onRowClick?: (row: T) => void;
}

/**
 * An accessible table: sortable headers are buttons with aria-sort; clicking the active column
 * flips the direction, another column starts descending (biggest or newest first).
 */
export function DataTable<T>({ caption, columns, rows, rowKey, sort, onSort, onRowClick }: DataTableProps<T>) {
  return (
    <TableWrap label={caption}>
      <table className="table">
        <caption className="sr-only">{caption}</caption>
        <thead>
          <tr>
            {columns.map((c) => {
              const active = sort && c.sortField === sort.field;
              const ariaSort = active ? (sort.direction === 'ASC' ? 'ascending' : 'descending') : c.sortField ? 'none' : undefined;
              return (
                <th key={c.key} scope="col" className={c.numeric ? 'num' : undefined} aria-sort={ariaSort}>
                  {c.sortField && onSort ? (
                    <button
                      type="button"
                      onClick={() => onSort(c.sortField!, active && sort.direction === 'DESC' ? 'ASC' : 'DESC')}
                    >
                      {c.header}
                      <span aria-hidden="true">{active ? (sort.direction === 'ASC' ? '▲' : '▼') : '↕'}</span>
                    </button>
                  ) : (
                    c.header
                  )}
                </th>
              );
            })}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr
              key={rowKey(row)}
              onClick={onRowClick ? () => onRowClick(row) : undefined}
              style={onRowClick ? { cursor: 'pointer' } : undefined}
            >
              {columns.map((c) => (
                <td key={c.key} className={c.numeric ? 'num' : undefined}>
                  {c.render(row)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </TableWrap>
  );
}
