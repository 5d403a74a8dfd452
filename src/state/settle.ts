// The client resolves every HTTP outcome to an ApiResult and rejects only when aborted; anything
// else thrown (a bug, a broken fetch) is treated as a network failure the buyer can retry.
import type { ApiResult } from '../api/types.ts';

/** The call's result; `null` when it was aborted (a newer request replaced it). */
export async function settle<T>(call: Promise<ApiResult<T>>): Promise<ApiResult<T> | null> {
  try {
    return await call;
  } catch (error) {
    if ((error as { name?: string } | null)?.name === 'AbortError') return null;
    return { ok: false, error: { code: 'network', fieldErrors: [], retryable: true } };
  }
}
