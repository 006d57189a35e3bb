import { isDuplicateKeyError } from '../../lib/errors.js';

/**
 * Runs an upsert (or a batch of them) again when a concurrent run inserted the same unique key
 * first: the second attempt finds the document and updates it.
 */
export async function retryOnDuplicate<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    const writeErrors = (err as { writeErrors?: Array<{ code?: number }> }).writeErrors;
    const duplicate = isDuplicateKeyError(err) || (!!writeErrors?.length && writeErrors.every((e) => e.code === 11000));
    if (!duplicate) throw err;
    return fn();
  }
}
