/** One Server-Sent Event as a client sees it. */
export interface SseEvent {
  /** The `event:` field, "message" when there was none. */
  readonly event: string;
  /** The `data:` lines joined by "\n". */
  readonly data: string;
  /** The last `id:` seen on the stream so far (what EventSource sends back as Last-Event-ID). */
  readonly lastEventId: string;
}

/**
 * An incremental reader of a text/event-stream body, as the HTML standard's EventSource parses it:
 * lines end in LF, CR or CRLF (also across chunks), `:` lines are comments, a blank line ends an event,
 * `retry:` with digits sets the reconnect delay. For the add-in (fetch() with a ReadableStream, since
 * EventSource cannot send the key header), the tests and the bench.
 */
export class SseParser {
  /** The last `retry:` value, or null. */
  retryMs: number | null = null;
  lastEventId = "";
  private buffer = "";
  private event = "";
  private data: string[] = [];
  private pendingCr = false;

  /** Feeds decoded text; returns the events it completed. */
  push(text: string): SseEvent[] {
    let input = text;
    if (this.pendingCr) {
      this.pendingCr = false;
      if (input.startsWith("\n")) input = input.slice(1);
    }
    this.buffer += input;
    const events: SseEvent[] = [];
    let start = 0;
    for (let i = 0; i < this.buffer.length; i++) {
      const char = this.buffer.charCodeAt(i);
      if (char !== 10 && char !== 13) continue;
      const line = this.buffer.slice(start, i);
      if (char === 13) {
        if (i + 1 < this.buffer.length) {
          if (this.buffer.charCodeAt(i + 1) === 10) i++;
        } else {
          this.pendingCr = true;
        }
      }
      start = i + 1;
      const event = this.line(line);
      if (event !== null) events.push(event);
    }
    this.buffer = this.buffer.slice(start);
    return events;
  }

  private line(line: string): SseEvent | null {
    if (line === "") {
      if (this.data.length === 0) {
        this.event = "";
        return null;
      }
      const event: SseEvent = { event: this.event || "message", data: this.data.join("\n"), lastEventId: this.lastEventId };
      this.event = "";
      this.data = [];
      return event;
    }
    if (line.startsWith(":")) return null;
    const colon = line.indexOf(":");
    const field = colon < 0 ? line : line.slice(0, colon);
    let value = colon < 0 ? "" : line.slice(colon + 1);
    if (value.startsWith(" ")) value = value.slice(1);
    if (field === "event") this.event = value;
    else if (field === "data") this.data.push(value);
    else if (field === "id" && !value.includes("\0")) this.lastEventId = value;
    else if (field === "retry" && /^\d+$/.test(value)) this.retryMs = Number(value);
    return null;
  }
}

/** An event as stream text: `data` is one line of JSON (JSON.stringify never writes a line break). */
export function formatSseEvent(event: string, data: string, id?: string): string {
  return `${id === undefined ? "" : `id: ${id}\n`}event: ${event}\ndata: ${data}\n\n`;
}
