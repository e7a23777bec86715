import type { FastifyInstance } from "fastify";
import { API_KEY_HEADER, isSendableApiKey } from "../src/market";
import { sendError } from "./errors";
import type { KnownSecrets } from "./known-secrets";

declare module "fastify" {
  interface FastifyRequest {
    /** The analyst's own provider key from the x-mkt-api-key header, or null for the team key. */
    apiKey: string | null;
  }
}

/**
 * For the routes of `app` (the /api/ scope): reads the analyst's key from the x-mkt-api-key header
 * into `request.apiKey` and remembers it for redaction. An empty header means none. A key that
 * cannot be one answers 401 invalid-key without quoting it, and is never used. A preHandler, so
 * rate limiting and CORS headers come first.
 */
export function registerApiKeyHeader(app: FastifyInstance, secrets: KnownSecrets): void {
  app.decorateRequest("apiKey", null);
  app.addHook("preHandler", async (request, reply) => {
    const raw = request.headers[API_KEY_HEADER];
    if (raw === undefined) return;
    const key = (Array.isArray(raw) ? raw.join(",") : raw).trim();
    if (key === "") return;
    if (!isSendableApiKey(key)) {
      return sendError(reply, 401, {
        error: "invalid-key",
        message: `The API key in the ${API_KEY_HEADER} header has spaces, special characters or over 256 characters: check the key in the add-in's settings`,
      });
    }
    secrets.remember(key);
    request.apiKey = key;
  });
}
