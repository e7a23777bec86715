import type { ProviderSpec } from "../shared";
import { PolygonProvider, DEFAULT_POLYGON_URL, POLYGON_KNOWN_HOSTS, POLYGON_LABEL } from "./client";
import { POLYGON_PLANS } from "./plans";

export const POLYGON_SPEC: ProviderSpec = {
  name: "polygon",
  label: POLYGON_LABEL,
  defaultBaseUrl: DEFAULT_POLYGON_URL,
  knownHosts: POLYGON_KNOWN_HOSTS,
  keyRequired: true,
  // 32 characters (Polygon/Massive dashboard keys): letters and digits; _ and - are accepted too because the
  // character set is not documented (lenient on purpose).
  keyPattern: { regex: /^[A-Za-z0-9_-]{32}$/, description: "32 letters, digits, _ or -" },
  // One aggregates page holds up to 50,000 bars at ~110 bytes: a 60-year history is about 2 MB.
  maxBodyBytes: 8 * 1024 * 1024,
  adjustedCloses: false,
  supportsSince: true,
  // Free and paid plans, with their sources: ./plans.ts.
  plans: POLYGON_PLANS,
  create: (options) => new PolygonProvider(options),
};
