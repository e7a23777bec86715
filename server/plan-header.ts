import type { FastifyInstance } from "fastify";
import { LRUCache } from "lru-cache";
import { isProviderName, PLAN_HEADER, PLAN_TIERS, PROVIDER_SPECS, quoteForMessage, tierLimits } from "../src/market";
import type { ProviderName } from "../src/market";
import { sendError } from "./errors";

/** Analysts' keys whose plan is remembered at once; the least recently named is forgotten (back to free). */
const REMEMBERED_KEY_PLANS = 1024;

/**
 * The plan tier each analyst's key was last sent with (x-mkt-plan), per provider. A key never sent
 * with one is on the free plan. The team key's plan is the server's (MKT_<NAME>_PLAN), never this.
 */
export class KeyPlans {
  private readonly tiers = new LRUCache<string, string>({ max: REMEMBERED_KEY_PLANS });

  set(provider: ProviderName, apiKey: string, tier: string): void {
    this.tiers.set(`${provider}\n${apiKey}`, tier);
  }

  /** The key's tier, "free" when none was named. */
  tierOf(provider: ProviderName, apiKey: string): string {
    return this.tiers.get(`${provider}\n${apiKey}`) ?? "free";
  }
}

/**
 * For the /api/ routes of `app` (after the key header): reads the plan of the analyst's own key
 * from x-mkt-plan. A tier the provider does not have is a 400 bad-request naming the ones it has;
 * a known tier applies to that key's limits only (with no key in the request, the team key keeps
 * the server's plan). Providers without keys (Yahoo, demo) ignore it, as they ignore keys.
 */
export function registerPlanHeader(app: FastifyInstance, plans: KeyPlans): void {
  app.addHook("preHandler", async (request, reply) => {
    const raw = request.headers[PLAN_HEADER];
    if (raw === undefined) return;
    const tier = (Array.isArray(raw) ? raw.join(",") : raw).trim();
    const provider = (request.params as { provider?: unknown } | undefined)?.provider;
    if (tier === "" || typeof provider !== "string" || !isProviderName(provider)) return;
    const spec = PROVIDER_SPECS[provider];
    if (!spec.keyRequired) return;
    if (tierLimits(spec.plans, tier) === null) {
      return sendError(reply, 400, {
        error: "bad-request",
        message: `The ${PLAN_HEADER} header must name a ${spec.label} plan (${PLAN_TIERS[provider].join(", ")}), not ${quoteForMessage(tier)}`,
      });
    }
    if (request.apiKey !== null) plans.set(provider, request.apiKey, tier.toLowerCase());
  });
}
