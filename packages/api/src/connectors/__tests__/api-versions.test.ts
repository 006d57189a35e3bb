import { PlatformType } from '@soash/shared';
import { Types } from 'mongoose';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../config.js';
import { PlatformStatus } from '../../lib/graphql-enums.js';
import type { Platform } from '../../modules/platforms/platform.model.js';
import { connectorHealthOf } from '../../modules/platforms/platforms.service.js';
import { apiVersionSunset, linkedInSunset } from '../api-versions.js';
import { useConnectorConfig } from '../config.js';
import { providerFor } from '../registry.js';

const platform = (type: PlatformType): Platform =>
  ({
    _id: new Types.ObjectId(),
    workspaceId: new Types.ObjectId(),
    type,
    sandbox: false,
    platformUserId: '1',
    scopes: [],
    isActive: true,
    status: PlatformStatus.ACTIVE,
    createdAt: new Date(),
    updatedAt: new Date(),
  }) as unknown as Platform;

afterEach(() => useConnectorConfig(loadConfig({ NODE_ENV: 'test' })));

describe('API versions as settings', () => {
  it('GRAPH_API_VERSION and TIKTOK_API_VERSION have documented defaults and choose the version the adapters call', () => {
    const defaults = loadConfig({ NODE_ENV: 'test' });
    expect(defaults.GRAPH_API_VERSION).toBe('v23.0');
    expect(defaults.TIKTOK_API_VERSION).toBe('v2');
    const config = loadConfig({ NODE_ENV: 'test', GRAPH_API_VERSION: 'v25.0', TIKTOK_API_VERSION: 'v3' });
    expect(providerFor(PlatformType.INSTAGRAM, { sandbox: false, config }).apiVersion).toBe('v25.0');
    expect(providerFor(PlatformType.FACEBOOK, { sandbox: false, config }).apiVersion).toBe('v25.0');
    expect(providerFor(PlatformType.TIKTOK, { sandbox: false, config }).apiVersion).toBe('v3');
  });

  it('a malformed version is a configuration error naming the setting', () => {
    expect(() => loadConfig({ NODE_ENV: 'test', GRAPH_API_VERSION: '23' })).toThrow(/GRAPH_API_VERSION/);
    expect(() => loadConfig({ NODE_ENV: 'test', TIKTOK_API_VERSION: 'latest' })).toThrow(/TIKTOK_API_VERSION/);
  });

  it('sunset dates: Graph API from the published changelog, LinkedIn one year after the release month, none for X and TikTok', () => {
    expect(apiVersionSunset(PlatformType.INSTAGRAM, 'v23.0')?.toISOString().slice(0, 10)).toBe('2027-10-08');
    expect(apiVersionSunset(PlatformType.FACEBOOK, 'v20.0')?.toISOString().slice(0, 10)).toBe('2026-09-24');
    expect(apiVersionSunset(PlatformType.INSTAGRAM, 'v26.0')).toBeUndefined();
    expect(apiVersionSunset(PlatformType.INSTAGRAM, 'v99.0')).toBeUndefined();
    expect(linkedInSunset('202506')?.toISOString().slice(0, 10)).toBe('2026-06-01');
    expect(linkedInSunset('202611.01')?.toISOString().slice(0, 10)).toBe('2027-11-01');
    expect(linkedInSunset('202513')).toBeUndefined();
    expect(apiVersionSunset(PlatformType.TWITTER, '2')).toBeUndefined();
    expect(apiVersionSunset(PlatformType.TIKTOK, 'v2')).toBeUndefined();
  });

  it('connector health shows the version in use and its sunset, and warns the administrator 90 days ahead', async () => {
    useConnectorConfig(loadConfig({ NODE_ENV: 'test', GRAPH_API_VERSION: 'v23.0' }));
    const far = await connectorHealthOf(platform(PlatformType.INSTAGRAM), new Date('2026-12-01T00:00:00Z'));
    expect(far.apiVersion).toBe('v23.0');
    expect(far.apiVersionSunsetsAt?.toISOString()).toBe('2027-10-08T00:00:00.000Z');
    expect(far.warnings).toEqual([]);
    const near = await connectorHealthOf(platform(PlatformType.INSTAGRAM), new Date('2027-08-01T00:00:00Z'));
    expect(near.warnings).toEqual(['Instagram API version v23.0 is retired on 8 Oct 2027; the administrator should set GRAPH_API_VERSION to a newer version before then.']);
    const past = await connectorHealthOf(platform(PlatformType.INSTAGRAM), new Date('2027-11-01T00:00:00Z'));
    expect(past.warnings[0]).toMatch(/was retired on 8 Oct 2027; the administrator should set GRAPH_API_VERSION/);
    const tiktok = await connectorHealthOf(platform(PlatformType.TIKTOK));
    expect(tiktok).toMatchObject({ apiVersion: 'v2', apiVersionSunsetsAt: undefined });
  });
});
