import { DAY_MS, parseDay } from '@soash/shared';
import { describe, expect, it } from 'vitest';
import { createPlatform, createUser } from '../../../../test/helpers/fixtures.js';
import { encryptSecret, setEncryptionKeys } from '../../../lib/crypto.js';
import { testConfig } from '../../../../test/helpers/server.js';
import { templateWriter } from '../../insights/idea-writer.js';
import { AiInsightModel } from '../../insights/insight.model.js';
import { generateInsightsForUser } from '../../insights/insights.service.js';
import { generateAccount, type Plants } from '../../insights/__tests__/generator.js';
import { seedAccount } from '../../insights/__tests__/seed.js';
import { WebhookDeliveryModel } from '../webhook-delivery.model.js';
import { WebhookEndpointModel } from '../webhook-endpoint.model.js';

const today = parseDay('2026-06-30')!;
const now = new Date(today * DAY_MS + 12 * 3_600_000);
const plants: Plants = { bestHour: 18, bestType: 'reel', bestHashtag: 'launch', anomalyDaysAgo: 5 };

describe('webhook events: insight.created', () => {
  it('each insight the analysis finds for the first time is one insight.created event; a re-run that finds the same ones sends none', async () => {
    setEncryptionKeys(testConfig().encryptionKeys);
    const u = await createUser({ subscriptionTier: 'pro' });
    const p = await createPlatform(u.user._id);
    await seedAccount(u.user._id, p._id, generateAccount({ seed: 21, today, plants, utcOffsetHours: 0 }));
    const endpoint = await WebhookEndpointModel.create({ workspaceId: u.user._id, url: 'https://93.184.216.34/hooks', events: ['insight.created'], secretEnc: encryptSecret('whsec_AAAA'), createdBy: u.user._id });

    await generateInsightsForUser(u.user._id, { now, writer: templateWriter });
    const insights = await AiInsightModel.find({ workspaceId: u.user._id }).lean();
    expect(insights.length).toBeGreaterThan(0);
    const deliveries = await WebhookDeliveryModel.find({ endpointId: endpoint._id }).lean();
    expect(deliveries).toHaveLength(insights.length);
    const sent = deliveries.map((d) => JSON.parse(d.payload) as { type: string; data: { insightId: string; title: string } });
    expect(new Set(sent.map((s) => s.type))).toEqual(new Set(['insight.created']));
    expect(sent.map((s) => s.data.insightId).sort()).toEqual(insights.map((i) => i._id.toHexString()).sort());
    expect(new Set(deliveries.map((d) => d.messageId)).size).toBe(deliveries.length);

    await generateInsightsForUser(u.user._id, { now, writer: templateWriter });
    expect(await WebhookDeliveryModel.countDocuments({ endpointId: endpoint._id })).toBe(insights.length);
  });
});
