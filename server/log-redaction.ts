import type { FastifyRequest, FastifyServerOptions } from "fastify";
import { API_KEY_HEADER, REDACTED, redactUrlQuery } from "../src/market";
import type { KnownSecrets } from "./known-secrets";

/** Header values never written to the log, wherever a log call puts the headers. */
const SECRET_HEADER_PATHS = [API_KEY_HEADER, "authorization", "cookie"].flatMap((name) => [
  `req.headers["${name}"]`,
  `request.headers["${name}"]`,
  `headers["${name}"]`,
]);

/** fastify's request summary, with credential-like query parameters (apikey=, token=...) masked. */
function serializeRequest(request: FastifyRequest): Record<string, unknown> {
  return {
    method: request.method,
    url: redactUrlQuery(request.url),
    host: request.host,
    remoteAddress: request.ip,
    remotePort: request.socket?.remotePort,
  };
}

type LoggerOption = FastifyServerOptions["logger"];

/**
 * The server's logger option with secrets kept out of every line: the key header redacted by
 * path, URL queries masked in the request summary, and as a last line of defence every
 * finished line scrubbed of the keys the server knows (team keys, and the analysts' keys of the
 * requests in progress), so an error message that quotes a key cannot leak it either. No logger stays no logger.
 */
export function redactingLogger(logger: LoggerOption, secrets: KnownSecrets): LoggerOption {
  if (logger === undefined || logger === false || logger === null) return false;
  const base = logger === true ? {} : logger;
  return {
    ...base,
    redact: { paths: SECRET_HEADER_PATHS, censor: REDACTED },
    serializers: { ...base.serializers, req: serializeRequest as never },
    hooks: { ...base.hooks, streamWrite: (line: string) => secrets.redactLogLine(line) },
  };
}
