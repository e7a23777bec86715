import type { ServerResponse } from "node:http";
import { formatSseEvent, QUOTE_EVENTS } from "../../src/market";
import type { ProviderName, QuoteBye, QuoteEventName, Ticker } from "../../src/market";

/** A stream whose client reads this far behind is closed (it resumes when it catches up). */
export const MAX_BUFFERED_BYTES = 4 * 1024 * 1024;

/**
 * One add-in's live-quote stream: its subscriptions (a set of tickers), and the response it is
 * written to while connected. A dropped stream keeps its subscriptions for the grace period, so a
 * resume (Last-Event-ID) takes them back; after that the service releases them.
 */
export class QuoteConnection {
  readonly subscriptions = new Set<Ticker>();
  private response: ServerResponse | null = null;
  private graceTimer: ReturnType<typeof setTimeout> | null = null;
  /** Events written (for tests and the status). */
  events = 0;

  constructor(
    readonly id: string,
    readonly provider: ProviderName,
    /** The hub's scope (provider and key id): a resume or a subscription change must come with the same key. */
    readonly scope: string,
  ) {}

  get attached(): boolean {
    return this.response !== null;
  }

  /** Writes to `response` from now on; the previous one, if any, is told it was replaced and ended. */
  attach(response: ServerResponse, retryMs: number, replaced: Omit<QuoteBye, "reason">): void {
    this.cancelGrace();
    const previous = this.response;
    this.response = response;
    if (previous !== null) {
      const bye: QuoteBye = { reason: "replaced", ...replaced };
      previous.end(formatSseEvent(QUOTE_EVENTS.bye, JSON.stringify(bye)));
    }
    response.write(`retry: ${retryMs}\n\n`);
  }

  /** `response` closed: if it is still the current one, the grace period starts (`expire` after `graceMs`). */
  detach(response: ServerResponse, graceMs: number, expire: () => void): void {
    if (this.response !== response) return;
    this.response = null;
    this.cancelGrace();
    this.graceTimer = setTimeout(() => {
      this.graceTimer = null;
      expire();
    }, graceMs);
    this.graceTimer.unref();
  }

  /** Writes one event; a client too far behind is dropped (false). */
  send(event: QuoteEventName, data: string, id?: string): boolean {
    const response = this.response;
    if (response === null || response.destroyed) return false;
    if (response.writableLength > MAX_BUFFERED_BYTES) {
      this.response = null;
      response.destroy();
      return false;
    }
    this.events++;
    response.write(formatSseEvent(event, data, id));
    return true;
  }

  /** Ends the stream with a last event (the server closing), and forgets the grace period. */
  end(bye: QuoteBye): void {
    this.cancelGrace();
    const response = this.response;
    this.response = null;
    if (response !== null && !response.destroyed) response.end(formatSseEvent(QUOTE_EVENTS.bye, JSON.stringify(bye)));
  }

  cancelGrace(): void {
    if (this.graceTimer !== null) clearTimeout(this.graceTimer);
    this.graceTimer = null;
  }
}
