/** How long the server waits for clients (milliseconds). */
export interface ServerTimeouts {
  /** For a request's headers to arrive (slow-header attacks), and for a new connection's first byte. */
  headersMs: number;
  /** For the whole request, body included, to arrive. */
  requestMs: number;
  /**
   * A socket with no traffic either way is closed. Above the slowest answer (a batch that waits
   * on upstream), or a slow answer would be cut off.
   */
  idleSocketMs: number;
  /** An idle keep-alive connection is closed (fastify's default, above common load balancers'). */
  keepAliveMs: number;
  /** How often Node checks the header and request deadlines (its default is 30 s). */
  checkIntervalMs: number;
}

export const DEFAULT_TIMEOUTS: ServerTimeouts = {
  headersMs: 10_000,
  requestMs: 30_000,
  idleSocketMs: 120_000,
  keepAliveMs: 72_000,
  checkIntervalMs: 2_000,
};
