/**
 * Reconnect delays: exponential with full jitter, so a thousand widgets cut off together do not
 * all come back in the same instant.
 */
export function backoffDelay(attempt: number, baseMs = 500, capMs = 30_000, random = Math.random): number {
  const ceiling = Math.min(capMs, baseMs * 2 ** attempt);
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}
