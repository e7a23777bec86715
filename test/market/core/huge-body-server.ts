import http from "node:http";
import type { AddressInfo, Socket } from "node:net";

export interface HugeBodyServer {
  /** http://127.0.0.1:PORT */
  readonly url: string;
  /** Body bytes handed to the socket so far (all answers). */
  bytesSent(): number;
  /** Resolves when every answer has ended or its connection closed. */
  settled(): Promise<void>;
  close(): Promise<void>;
}

const CHUNK = Buffer.alloc(64 * 1024, "1234567890,");

/**
 * A loopback upstream whose every answer is a 200 JSON body of `totalBytes` (a chart-like prefix,
 * then digits), streamed in 64 KB writes that wait for the socket to drain: it only sends what the
 * client reads, and stops when the client goes away. The same chunk is written again and again,
 * so the server itself allocates nothing while it streams.
 */
export async function startHugeBodyServer(totalBytes: number, options: { announceLength?: boolean } = {}): Promise<HugeBodyServer> {
  let sent = 0;
  const sockets = new Set<Socket>();
  const open = new Set<Promise<void>>();
  const server = http.createServer((req, res) => {
    const done = new Promise<void>((resolve) => {
      res.once("close", resolve);
    });
    open.add(done);
    void done.then(() => open.delete(done));
    const headers: http.OutgoingHttpHeaders = { "content-type": "application/json" };
    if (options.announceLength) headers["content-length"] = String(totalBytes);
    res.writeHead(200, headers);
    const prefix = Buffer.from('{"chart":{"result":[{"meta":{},"timestamp":[');
    let left = totalBytes - prefix.length;
    res.write(prefix);
    sent += prefix.length;
    const pump = (): void => {
      while (left > 0 && !res.destroyed) {
        const part = left >= CHUNK.length ? CHUNK : CHUNK.subarray(0, left);
        left -= part.length;
        sent += part.length;
        if (!res.write(part)) {
          res.once("drain", pump);
          return;
        }
      }
      if (!res.destroyed) res.end();
    };
    pump();
  });
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    bytesSent: () => sent,
    settled: async () => {
      await Promise.all([...open]);
    },
    close: async () => {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      for (const socket of sockets) socket.destroy();
      await closed;
    },
  };
}

/** Peak growth of heapUsed + arrayBuffers (bytes) over the baseline while `work` runs, sampled every 5 ms. */
export async function peakMemoryGrowth<T>(work: () => Promise<T>): Promise<{ result: PromiseSettledResult<T>; growth: number }> {
  (globalThis as { gc?: () => void }).gc?.();
  const used = (): number => {
    const usage = process.memoryUsage();
    return usage.heapUsed + usage.arrayBuffers;
  };
  const baseline = used();
  let peak = baseline;
  const timer = setInterval(() => {
    peak = Math.max(peak, used());
  }, 5);
  const [result] = await Promise.allSettled([work()]);
  peak = Math.max(peak, used());
  clearInterval(timer);
  return { result, growth: peak - baseline };
}
