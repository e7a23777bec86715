import http from "node:http";
import type { AddressInfo, Socket } from "node:net";

/**
 * A loopback HTTP server that answers scripted responses, for testing providers and relays
 * without the internet. Provider-agnostic: recorded fixtures are turned into ScriptedResponses
 * by test/support/recordings.ts.
 */

export interface ScriptedResponse {
  /** Default 200. */
  status?: number;
  /** Sent as given (array = repeated header). content-length is added unless present. */
  headers?: Record<string, string | readonly string[]>;
  body?: string | Uint8Array;
  /** Wait this long before sending headers. */
  delayMs?: number;
  /** Send only the first N bytes of the body, then end the response cleanly. */
  truncateAfterBytes?: number;
  /** Never finish: "before-headers" sends nothing, "after-headers" sends headers and the first half of the body. */
  hang?: "before-headers" | "after-headers";
  /** Destroy the socket: before any byte, or after headers and the first half of the body. */
  drop?: "before-headers" | "mid-body";
}

export interface ReceivedRequest {
  readonly method: string;
  /** Path and query exactly as requested, e.g. "/v8/finance/chart/IWM?period1=0&…". */
  readonly url: string;
  readonly path: string;
  readonly query: URLSearchParams;
  readonly headers: http.IncomingHttpHeaders;
}

export type Responder = ScriptedResponse | ((request: ReceivedRequest, callIndex: number) => ScriptedResponse | Promise<ScriptedResponse>);

export interface Route {
  /** Exact path (query ignored) or a pattern tested against the path. */
  path: string | RegExp;
  /** Default GET. */
  method?: string;
  respond: Responder;
}

export interface ReplayServer {
  /** http://127.0.0.1:PORT */
  readonly url: string;
  /** Every request received, in order. */
  readonly requests: ReceivedRequest[];
  /** Requests whose path matches. */
  requestsTo(path: string | RegExp): ReceivedRequest[];
  close(): Promise<void>;
}

export async function startReplayServer(routes: readonly Route[]): Promise<ReplayServer> {
  const requests: ReceivedRequest[] = [];
  const calls = new Map<Route, number>();
  const sockets = new Set<Socket>();
  const timers = new Set<NodeJS.Timeout>();

  const wait = (ms: number): Promise<void> =>
    new Promise((resolve) => {
      const timer = setTimeout(() => {
        timers.delete(timer);
        resolve();
      }, ms);
      timers.add(timer);
    });

  const server = http.createServer((req, res) => {
    const url = req.url ?? "/";
    const parsed = new URL(url, "http://replay.invalid");
    const request: ReceivedRequest = {
      method: req.method ?? "GET",
      url,
      path: parsed.pathname,
      query: parsed.searchParams,
      headers: req.headers,
    };
    requests.push(request);
    const route = routes.find((r) => (r.method ?? "GET") === request.method && pathMatches(r.path, request.path));
    if (route === undefined) {
      send(res, {
        status: 404,
        headers: { "content-type": "text/plain" },
        body: `replay server: no route for ${request.method} ${request.path}`,
      });
      return;
    }
    const index = calls.get(route) ?? 0;
    calls.set(route, index + 1);
    void (async () => {
      try {
        const scripted = typeof route.respond === "function" ? await route.respond(request, index) : route.respond;
        if (scripted.delayMs !== undefined) await wait(scripted.delayMs);
        if (!res.destroyed) send(res, scripted);
      } catch (error) {
        res.destroy(error instanceof Error ? error : new Error(String(error)));
      }
    })();
  });
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    requestsTo: (path) => requests.filter((r) => pathMatches(path, r.path)),
    close: async () => {
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      for (const socket of sockets) socket.destroy();
      await closed;
    },
  };
}

function pathMatches(pattern: string | RegExp, path: string): boolean {
  return typeof pattern === "string" ? pattern === path : pattern.test(path);
}

function send(res: http.ServerResponse, scripted: ScriptedResponse): void {
  if (scripted.drop === "before-headers" || scripted.hang === "before-headers") {
    if (scripted.drop) res.socket?.destroy();
    return;
  }
  const body = toBuffer(scripted.body);
  const headers: Record<string, string | readonly string[]> = { ...scripted.headers };
  const hasLength = Object.keys(headers).some((name) => name.toLowerCase() === "content-length");
  const partial = scripted.truncateAfterBytes !== undefined;
  // A cleanly ended truncated body must not announce the full length, or the client sees a dropped connection.
  if (!hasLength && !partial) headers["content-length"] = String(body.length);
  res.writeHead(scripted.status ?? 200, headers as http.OutgoingHttpHeaders);

  if (scripted.hang === "after-headers" || scripted.drop === "mid-body") {
    res.flushHeaders();
    res.write(body.subarray(0, Math.floor(body.length / 2)));
    if (scripted.drop === "mid-body") setImmediate(() => res.socket?.destroy());
    return;
  }
  res.end(partial ? body.subarray(0, scripted.truncateAfterBytes) : body);
}

function toBuffer(body: string | Uint8Array | undefined): Buffer {
  if (body === undefined) return Buffer.alloc(0);
  return typeof body === "string" ? Buffer.from(body, "utf8") : Buffer.from(body);
}
