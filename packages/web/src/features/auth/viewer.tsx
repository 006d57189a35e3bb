import { createContext, useContext } from 'react';
import { graphql } from '../../gql';
import type { ViewerQuery } from '../../gql/graphql';

export const ViewerDocument = graphql(`
  query Viewer {
    me {
      id
      name
      email
      isVerified
      role
      subscriptionTier
      plan {
        tier
        maxPlatforms
        historyDays
      }
      profile {
        id
        timezone
        onboardingCompleted
        brandName
      }
    }
  }
`);

export type Viewer = ViewerQuery['me'];

export const ViewerContext = createContext<Viewer | null>(null);

/** The signed-in user (inside the signed-in part of the app). */
export function useViewer(): Viewer {
  const v = useContext(ViewerContext);
  if (!v) throw new Error('useViewer needs the signed-in layout');
  return v;
}

/**
 * The first calendar day the plan's history reaches (null: unlimited). The API allows ranges from
 * 00:00 UTC of the day historyDays + 1 days ago; starting a day later is safe in every time zone.
 */
export function earliestDay(historyDays: number | null | undefined, now: Date = new Date()): string | null {
  if (historyDays == null) return null;
  const d = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
  d.setUTCDate(d.getUTCDate() - historyDays);
  return d.toISOString().slice(0, 10);
}

/** The viewer's time zone for dates and day boundaries. */
export function useTimeZone(): string {
  return useContext(ViewerContext)?.profile.timezone ?? 'UTC';
}
