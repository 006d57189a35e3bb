import { byIdLoader } from '../../lib/loader.js';
import { ReferralCodeModel } from './referral-code.model.js';

export function referralLoaders() {
  return {
    referralCodeById: byIdLoader(ReferralCodeModel),
  };
}
