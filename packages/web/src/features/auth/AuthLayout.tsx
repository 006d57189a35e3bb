import type { ReactNode } from 'react';
import { Link } from 'react-router';

/** The frame of the signed-out pages: brand, one card, links below. */
export function AuthLayout({ title, intro, children, footer }: { title: string; intro?: ReactNode; children: ReactNode; footer?: ReactNode }) {
  return (
    <main className="auth-page">
      <div className="auth-card stack">
        <Link to="/" className="brand" style={{ justifyContent: 'center', paddingBottom: 0 }}>
          <span className="brand-mark" aria-hidden="true">
            S
          </span>
          Soash
        </Link>
        <section className="card stack" aria-labelledby="auth-title">
          <div>
            <h1 id="auth-title">{title}</h1>
            {intro && <p className="muted">{intro}</p>}
          </div>
          {children}
        </section>
        {footer && <div className="small muted" style={{ textAlign: 'center' }}>{footer}</div>}
      </div>
    </main>
  );
}
