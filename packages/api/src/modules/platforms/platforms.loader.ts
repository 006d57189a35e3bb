import { byIdLoader } from '../../lib/loader.js';
import { PlatformModel } from './platform.model.js';

export function platformLoaders() {
  return {
    platformById: byIdLoader(PlatformModel),
  };
}
