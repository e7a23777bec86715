import net from "node:net";
import os from "node:os";
import type { FastifyInstance, FastifyRequest } from "fastify";
import { quoteForMessage } from "../src/market";
import { sendError } from "./errors";

/** Names every server answers for: a browser on this machine reaches it by them. */
export const LOOPBACK_HOST_NAMES: readonly string[] = ["localhost", "127.0.0.1", "::1"];

const WILDCARD_HOSTS: ReadonlySet<string> = new Set(["0.0.0.0", "::", "[::]"]);

/**
 * `name` as compared: lower case, without IPv6 brackets or a trailing dot ("[::1]" → "::1",
 * "Desk.Example.COM." → "desk.example.com").
 */
export function normalizeHostName(name: string): string {
  let host = name.trim().toLowerCase();
  if (host.startsWith("[") && host.endsWith("]")) host = host.slice(1, -1);
  return host.endsWith(".") ? host.slice(0, -1) : host;
}

/** The host name in a Host header value ("[::1]:3000" → "::1"), or null when it is not one. */
export function hostNameOf(hostHeader: string): string | null {
  let url: URL;
  try {
    url = new URL(`http://${hostHeader}`);
  } catch {
    return null;
  }
  // Anything beyond host[:port] (userinfo, a path) means the header was not a host.
  if (url.username !== "" || url.password !== "" || url.pathname !== "/" || url.search !== "" || url.hash !== "") return null;
  if (hostHeader.includes("/") || hostHeader.includes("@")) return null;
  return normalizeHostName(url.hostname);
}

/**
 * The server's own names when MKT_ALLOWED_HOSTS is not set: the loopback names, and the HOST it
 * listens on; listening on every interface (0.0.0.0, ::), also this machine's name and addresses.
 */
export function defaultAllowedHosts(listenHost: string): string[] {
  const names = new Set(LOOPBACK_HOST_NAMES);
  if (WILDCARD_HOSTS.has(listenHost.trim())) {
    names.add(normalizeHostName(os.hostname()));
    for (const addresses of Object.values(os.networkInterfaces())) {
      for (const address of addresses ?? []) if (!address.address.includes("%")) names.add(normalizeHostName(address.address));
    }
  } else if (listenHost.trim() !== "") {
    names.add(normalizeHostName(listenHost));
  }
  return [...names];
}

/** Whether `name` (as typed in MKT_ALLOWED_HOSTS or HOST) is a host name or an IP address. */
export function isHostName(name: string): boolean {
  const host = normalizeHostName(name);
  if (net.isIP(host) !== 0) return true;
  return /^(?=.{1,253}$)[a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9_])?(\.[a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9_])?)*$/.test(host);
}

/**
 * Answers only requests addressed to one of `allowedHosts` (normalised names, any port), so a page
 * whose own host name is rebound to this machine's address (DNS rebinding) cannot use the server as
 * its own origin: refused with 421 JSON before CORS, rate limiting or any route. The Host header is
 * read as fastify reads it (X-Forwarded-Host only from a trusted proxy, see MKT_TRUST_PROXY).
 * An HTTP/1.1 request without Host is answered 400 JSON here (Node's own answer would be an empty
 * 400, so the server turns that check off and makes it here). HTTP/1.0 may leave Host out.
 */
export function registerAllowedHosts(app: FastifyInstance, allowedHosts: readonly string[]): void {
  const allowed = new Set(allowedHosts.map(normalizeHostName));
  app.addHook("onRequest", async (request, reply) => {
    const host = requestHost(request);
    if (host === null) {
      if (request.raw.httpVersionMajor === 1 && request.raw.httpVersionMinor === 0) return;
      return sendError(reply, 400, {
        error: "bad-request",
        message: "The request has no Host header: HTTP/1.1 requests must name the host",
      });
    }
    const name = hostNameOf(host);
    if (name === null) {
      return sendError(reply, 400, { error: "bad-request", message: `The Host header ${quoteForMessage(host)} is not a host name` });
    }
    if (allowed.has(name)) return;
    reply.header("connection", "close");
    return sendError(reply, 421, {
      error: "bad-request",
      message: `This server does not answer for ${quoteForMessage(name)}: use one of its own names, or add the name to MKT_ALLOWED_HOSTS on the server`,
    });
  });
}

function requestHost(request: FastifyRequest): string | null {
  const host = request.host;
  return typeof host === "string" && host.trim() !== "" ? host : null;
}
