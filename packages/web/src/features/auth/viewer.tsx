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

/** The viewer's time zone for dates and day boundaries. */
export function useTimeZone(): string {
  return useContext(ViewerContext)?.profile.timezone ?? 'UTC';
}
