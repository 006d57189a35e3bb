import { useQuery } from 'urql';
import { graphql } from '../../gql';
import { PageHeader } from '../../layout/AppShell';
import { useHashScroll } from '../../lib/useHashScroll';
import { useTitle } from '../../lib/useTitle';
import { CategoriesManager } from '../categories/CategoriesManager';
import { PlanCard } from './PlanCard';
import { Card } from '../../ui/Card';
import { ErrorState, LoadingBlock } from '../../ui/States';
import { AccountForm } from './AccountForm';
import { ApiKeysCard } from './ApiKeysCard';
import { ConnectedAppsCard } from './ConnectedAppsCard';
import { BrandForm } from './BrandForm';
import { DangerZone } from './DangerZone';
import { PasswordForm } from './PasswordForm';

const SettingsQuery = graphql(`
  query Settings {
    me {
      id
      ...AccountForm_User
      profile {
        id
        ...BrandForm_UserProfile
      }
    }
  }
`);

export function SettingsPage() {
  useTitle('Settings');
  useHashScroll();
  const [{ data, error }, refetch] = useQuery({ query: SettingsQuery });
  const me = data?.me;
  return (
    <>
      <PageHeader title="Settings" description="Your account, brand profile, categories, plan, API keys, connected apps and security." />
      {!me ? (
        error ? (
          <Card>
            <ErrorState title="Settings could not be loaded" error={error} onRetry={() => refetch({ requestPolicy: 'network-only' })} />
          </Card>
        ) : (
          <div className="stack">
            <Card>
              <LoadingBlock lines={4} height={32} label="Loading your settings" />
            </Card>
            <Card>
              <LoadingBlock lines={6} height={32} />
            </Card>
          </div>
        )
      ) : (
        <div className="stack">
          <Card title="Account" labelledBy="settings-account">
            <AccountForm key={me.id} user={me} />
          </Card>
          <Card title="Brand profile" labelledBy="settings-brand">
            <BrandForm key={me.profile.id} profile={me.profile} />
          </Card>
          <div id="categories">
            <Card title="Content categories" labelledBy="settings-categories">
              <CategoriesManager />
            </Card>
          </div>
          <div id="plan">
            <Card title="Plan" labelledBy="settings-plan">
              <PlanCard />
            </Card>
          </div>
          <div id="api-keys">
            <Card title="API keys" labelledBy="settings-api-keys">
              <ApiKeysCard />
            </Card>
          </div>
          <div id="connected-apps">
            <Card title="Connected apps" labelledBy="settings-connected-apps">
              <ConnectedAppsCard />
            </Card>
          </div>
          <Card title="Password" labelledBy="settings-password">
            <PasswordForm />
          </Card>
          <Card title="Sessions and account" labelledBy="settings-danger" className="card-danger">
            <DangerZone />
          </Card>
        </div>
      )}
    </>
  );
}
