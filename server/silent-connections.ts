import type { Server, Socket } from "node:net";

/**
 * Closes connections that have not sent a single byte within `limitMs`. Node's headers timeout
 * starts only with the first byte, and its periodic request check keeps re-arming the socket's
 * idle timer, so a client that connects and stays silent would otherwise hold the socket forever.
 * Checks every `intervalMs` by the socket's byte count (a 'data' listener would slow Node's
 * parser down). Returns the stop function.
 */
export function closeSilentConnections(server: Server, limitMs: number, intervalMs: number): () => void {
  const silent = new Map<Socket, number>();
  const onConnection = (socket: Socket): void => {
    silent.set(socket, Date.now());
    socket.once("close", () => silent.delete(socket));
  };
  server.on("connection", onConnection);
  const timer = setInterval(() => {
    const now = Date.now();
    for (const [socket, since] of silent) {
      if (socket.bytesRead > 0) silent.delete(socket);
      else if (now - since >= limitMs) {
        silent.delete(socket);
        socket.destroy();
      }
    }
  }, intervalMs);
  timer.unref();
  return () => {
    clearInterval(timer);
    server.off("connection", onConnection);
  };
}
