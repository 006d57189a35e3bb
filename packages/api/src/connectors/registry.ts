import { PlatformType } from '@soash/shared';
import type { Config } from '../config.js';
import { FacebookProvider } from './facebook/facebook.provider.js';
import { InstagramProvider } from './instagram/instagram.provider.js';
import { LinkedInProvider } from './linkedin/linkedin.provider.js';
import { SandboxProvider } from './sandbox/sandbox.provider.js';
import type { SandboxOptions } from './sandbox/generator.js';
import { TikTokProvider } from './tiktok/tiktok.provider.js';
import type { Provider, ProviderHooks } from './types.js';
import { TwitterProvider } from './twitter/twitter.provider.js';

export interface ProviderOptions {
  sandbox: boolean;
  config: Config;
  hooks?: ProviderHooks;
  sandboxOptions?: SandboxOptions;
}

/** The adapter for an account: the sandbox provider for sandbox accounts, the platform's otherwise. */
export function providerFor(type: PlatformType, opts: ProviderOptions): Provider {
  if (opts.sandbox) return new SandboxProvider(type, opts.sandboxOptions);
  switch (type) {
    case PlatformType.INSTAGRAM:
      return new InstagramProvider(opts.config, opts.hooks);
    case PlatformType.FACEBOOK:
      return new FacebookProvider(opts.config, opts.hooks);
    case PlatformType.TWITTER:
      return new TwitterProvider(opts.config, opts.hooks);
    case PlatformType.LINKEDIN:
      return new LinkedInProvider(opts.config, opts.hooks);
    case PlatformType.TIKTOK:
      return new TikTokProvider(opts.config, opts.hooks);
    default:
      throw new Error(`no connector for platform type ${String(type)}`);
  }
}
