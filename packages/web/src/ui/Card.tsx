import type { ReactNode } from 'react';

export function Card({ title, actions, children, className, labelledBy }: { title?: ReactNode; actions?: ReactNode; children: ReactNode; className?: string; labelledBy?: string }) {
  return (
    <section className={`card ${className ?? ''}`.trim()} aria-labelledby={labelledBy}>
      {(title || actions) && (
        <div className="card-header">
          {title && <h2 id={labelledBy}>{title}</h2>}
          {actions && <div className="row">{actions}</div>}
        </div>
      )}
      {children}
    </section>
  );
}
