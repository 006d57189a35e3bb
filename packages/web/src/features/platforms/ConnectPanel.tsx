import { useState } from 'react';
import { useMutation, useQuery } from 'urql';
import { graphql } from '../../gql';
import type { PlatformType } from '../../gql/graphql';
import { errorCode, toFormErrors } from '../../lib/errors';
import { platformLabel } from '../../lib/labels';
import { Button } from '../../ui/Button';
import { PlatformIcon } from './PlatformIcon';

export const ConnectPlatformMutation = graphql(`
  mutation ConnectPlatform($input: ConnectPlatformInput!) {
    connectPlatform(input: $input) {
      authorizeUrl
      platform {
        id
        type
      }
    }
  }
`);

export const ConnectSetupQuery = graphql(`
  query ConnectSetup {
    serverSetup {
      platforms {
        type
        configured
      }
    }
  }
`);

/** Where an admin reads how to register a platform's app and set its variables (built from docs/connectors.md). */
export const ADMIN_SETUP_DOCS = '/docs/connectors.html#registering-apps-and-setting-variables';

export const PLATFORM_TYPES: readonly PlatformType[] = ['INSTAGRAM', 'FACEBOOK', 'TIKTOK', 'TWITTER', 'LINKEDIN'];

const BLURB: Record<PlatformType, string> = {
  INSTAGRAM: 'Business and creator accounts',
  FACEBOOK: 'Pages you manage',
  TIKTOK: 'Your TikTok profile',
  TWITTER: 'Your X account',
  LINKEDIN: 'Company pages',
};

/** Sends the browser to the platform's consent page (a seam for tests). */
export const navigation = { assign: (url: string) => window.location.assign(url) };

/**
 * Connect an account: the platform's OAuth sign-in (the browser leaves and comes back to
 * /platforms), or a sandbox account with generated data, connected at once. A platform whose app
 * is not set up on this server says so (with the admin guide) and offers its sandbox instead of a
 * Connect button that can only fail.
 */
export function ConnectPanel({ onSandboxConnected, compact = false }: { onSandboxConnected: (platformId: string, type: PlatformType) => void; compact?: boolean }) {
  const [{ fetching }, connect] = useMutation(ConnectPlatformMutation);
  const [busy, setBusy] = useState<string | null>(null);
  const [problem, setProblem] = useState<{ type: PlatformType; message: string; suggestSandbox: boolean } | null>(null);
  const [setup] = useQuery({ query: ConnectSetupQuery });
  // Until the server answers (or if it cannot), Connect stays offered: the API still refuses clearly.
  const notSetUp = new Set(setup.data?.serverSetup.platforms.filter((p) => !p.configured).map((p) => p.type) ?? []);

  async function start(type: PlatformType, sandbox: boolean) {
    setBusy(`${type}:${sandbox}`);
    setProblem(null);
    const result = await connect({ input: { type, sandbox } });
    const payload = result.data?.connectPlatform;
    if (payload?.authorizeUrl) return navigation.assign(payload.authorizeUrl);
    setBusy(null);
    if (payload?.platform) return onSandboxConnected(payload.platform.id, type);
    const code = errorCode(result.error);
    const errs = toFormErrors(result.error);
    setProblem({ type, message: errs.fields.type ?? errs.form ?? 'The account could not be connected.', suggestSandbox: !sandbox && code === 'BAD_USER_INPUT' });
  }

  return (
    <div className="stack">
      <ul className={compact ? 'connect-grid compact' : 'connect-grid'} aria-label="Platforms you can connect">
        {PLATFORM_TYPES.map((type) => (
          <li key={type} className="connect-item">
            <div className="row" style={{ gap: 10 }}>
              <PlatformIcon type={type} />
              <div>
                <div style={{ fontWeight: 700 }}>{platformLabel(type)}</div>
                <div className="small muted">{BLURB[type]}</div>
              </div>
            </div>
            {notSetUp.has(type) ? (
              <>
                <p className="small muted not-set-up" style={{ margin: 0 }}>
                  Not set up on this server.{' '}
                  <a href={ADMIN_SETUP_DOCS} target="_blank" rel="noopener">
                    How an admin sets up {platformLabel(type)}
                  </a>
                </p>
                <div className="row" style={{ gap: 8 }}>
                  <Button
                    size="sm"
                    loading={busy === `${type}:true` && fetching}
                    disabled={fetching}
                    onClick={() => void start(type, true)}
                    aria-label={`Connect a ${platformLabel(type)} sandbox account`}
                  >
                    Try a sandbox
                  </Button>
                </div>
              </>
            ) : (
              <div className="row" style={{ gap: 8 }}>
                <Button size="sm" loading={busy === `${type}:false` && fetching} disabled={fetching} onClick={() => void start(type, false)} aria-label={`Connect ${platformLabel(type)}`}>
                  Connect
                </Button>
                <Button
                  size="sm"
                  variant="secondary"
                  loading={busy === `${type}:true` && fetching}
                  disabled={fetching}
                  onClick={() => void start(type, true)}
                  aria-label={`Connect a ${platformLabel(type)} sandbox account`}
                >
                  Sandbox
                </Button>
              </div>
            )}
            {problem?.type === type && (
              <p className="error small" role="alert" style={{ margin: 0 }}>
                {problem.message}
                {problem.suggestSandbox && ' A sandbox account works without any setup.'}
              </p>
            )}
          </li>
        ))}
      </ul>
      <p className="small muted">
        <strong>Connect</strong> signs you in on the platform and brings you back here. A <strong>sandbox</strong> account has realistic generated data
        and connects at once: good for trying Soash out.
      </p>
    </div>
  );
}
