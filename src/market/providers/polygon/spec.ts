import type { ProviderSpec } from "../shared";
import { PolygonProvider, DEFAULT_POLYGON_URL, POLYGON_KNOWN_HOSTS, POLYGON_LABEL } from "./client";

export const POLYGON_SPEC: ProviderSpec = {
  name: "polygon",
  label: POLYGON_LABEL,
  defaultBaseUrl: DEFAULT_POLYGON_URL,
  knownHosts: POLYGON_KNOWN_HOSTS,
  keyRequired: true,
  adjustedCloses: false,
  supportsSince: true,
  // Free (Basic) key: 5 API calls a minute, no daily cap, end-of-day data, about two years of history
  // (massive-com/client-python#601 README note "a free API key … supports up to 5 API calls per minute";
  // docs.airbyte.com Polygon source: "only 5 API Calls/Minute on the free plan"; client-python#870).
  freePlanLimits: { concurrency: 1, requestsPerMinute: 5, requestsPerDay: null },
  create: (options) => new PolygonProvider(options),
};
