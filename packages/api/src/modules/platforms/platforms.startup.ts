import { useConnectorConfig } from '../../connectors/config.js';
import { log } from '../../lib/logger.js';
import { startupTasks } from '../../startup.js';
import { ensureSchedules } from './platform-connect.service.js';
import { ensureAllStoryPolls, platformsWithDailyPulls } from './platform-schedule.js';
import { reencryptPlatformTokens } from './platform-tokens.js';
import { PlatformModel } from './platform.model.js';

/**
 * At start: connectors read this process's configuration; tokens still under an old encryption
 * key are re-encrypted with the active one; every active account has its daily pulls and token
 * job (accounts created while no scheduler ran, e.g. by a seeding script, get them here), and
 * every Instagram account its story poll.
 */
startupTasks.push(async ({ config, role }) => {
  useConnectorConfig(config);
  if (role === 'api') {
    const rewritten = await reencryptPlatformTokens();
    if (rewritten) log.info(`re-encrypted the tokens of ${rewritten} platform account(s) with the active key`);
  }
  const scheduled = await platformsWithDailyPulls();
  const active = await PlatformModel.find({ isActive: true }, { _id: 1 }).lean();
  for (const p of active) {
    if (!scheduled.has(p._id.toHexString())) await ensureSchedules(p._id);
  }
  await ensureAllStoryPolls();
});
