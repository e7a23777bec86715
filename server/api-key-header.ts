import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { API_KEY_HEADER, isProviderName, isSendableApiKey, PROVIDER_SPECS } from "../src/market";
import { sendError } from "./errors";
import type { KnownSecrets } from "./known-secrets";

declare module "fastify" {
  interface FastifyRequest {
    /** The analyst's own provider key from the x-mkt-api-key header, or null for the team key. */
    apiKey: string | null;
  }
}

/**
 * Shortest analyst's key ever accepted, whatever a provider's pattern says: a key is redacted from
 * its request's answers and log lines, and a short one ("e", `"`) would be found inside other text.
 */
export const MIN_ANALYST_KEY_LENGTH = 16;
/** What an analyst's key may hold besides its provider's pattern: no character JSON, URLs or logs treat specially. */
const KEY_CHARACTERS = /^[A-Za-z0-9_-]+$/;

function refuse(reply: FastifyReply, message: string): FastifyReply {
  return sendError(reply, 401, { error: "invalid-key", message: `${message}: check the key in the add-in's settings` });
}

/** The provider a route names in its :provider parameter, when it names one. */
function routeProvider(request: FastifyRequest): string | null {
  const params = request.params as { provider?: unknown } | undefined;
  return typeof params?.provider === "string" ? params.provider : null;
}

/**
 * For the routes of `app` (the /api/ scope): reads the analyst's key from the x-mkt-api-key header
 * into `request.apiKey`. An empty header means none. A key is used only when it has its provider's
 * documented format (PROVIDER_SPECS[name].keyPattern); any other is answered 401 invalid-key without
 * quoting it and never goes upstream. Providers without keys (yahoo, demo) ignore the header. A
 * used key is redacted from that request's answer and from log lines written while it is in
 * progress, never from other requests' text. A preHandler, so rate limiting and CORS headers come first.
 */
export function registerApiKeyHeader(app: FastifyInstance, secrets: KnownSecrets): void {
  app.decorateRequest("apiKey", null);
  app.addHook("preHandler", async (request, reply) => {
    const raw = request.headers[API_KEY_HEADER];
    if (raw === undefined) return;
    const key = (Array.isArray(raw) ? raw.join(",") : raw).trim();
    if (key === "") return;
    if (!isSendableApiKey(key)) {
      return refuse(reply, `The API key in the ${API_KEY_HEADER} header has spaces, special characters or over 256 characters`);
    }
    const provider = routeProvider(request);
    // No provider (health) or an unknown one (answered 404 by the route): the key is not used.
    if (provider === null || !isProviderName(provider)) return;
    const spec = PROVIDER_SPECS[provider];
    if (spec.keyPattern === null) return; // a provider without keys: nothing to send
    if (key.length < MIN_ANALYST_KEY_LENGTH || !KEY_CHARACTERS.test(key) || !spec.keyPattern.regex.test(key)) {
      return refuse(
        reply,
        `The API key in the ${API_KEY_HEADER} header is not a ${spec.label} key (those are ${spec.keyPattern.description})`,
      );
    }
    const release = secrets.hold(key);
    reply.raw.once("close", release);
    request.apiKey = key;
  });
}
