import { BOMBS, type Bomb } from './bombs.js';

export interface BombResult {
  name: string;
  was: string;
  status: number;
  /** Time to the complete answer, in milliseconds. */
  ms: number;
  bytes: number;
  codes: string[];
}

/** Fires each bomb at `url` (the server's base URL) one after another and reports how it was answered. */
export async function fireBombs(url: string, token?: string, bombs: Bomb[] = BOMBS): Promise<BombResult[]> {
  const out: BombResult[] = [];
  for (const bomb of bombs) {
    const t0 = performance.now();
    const res = await fetch(`${url.replace(/\/$/, '')}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(bomb.signedIn && token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify(bomb.body),
    });
    const text = await res.text();
    const ms = performance.now() - t0;
    let codes: string[];
    try {
      const body = JSON.parse(text) as { errors?: Array<{ extensions?: { code?: string } }> };
      codes = [...new Set((body.errors ?? []).map((e) => e.extensions?.code ?? '(none)'))];
    } catch {
      codes = ['(not JSON)'];
    }
    out.push({ name: bomb.name, was: bomb.was, status: res.status, ms, bytes: text.length, codes });
  }
  return out;
}

/** A bomb is defused when it is refused with 400 and only typed, non-internal codes. */
export function defused(r: BombResult): boolean {
  return r.status === 400 && r.codes.length > 0 && r.codes.every((c) => c !== 'INTERNAL' && c !== '(none)' && c !== '(not JSON)');
}
