import type { ProviderSpec } from "../shared";
import { DemoProvider } from "./client";

export const DEMO_SPEC: ProviderSpec = {
  name: "demo",
  label: "Demo (synthetic data)",
  defaultBaseUrl: "http://demo.invalid",
  knownHosts: [],
  keyRequired: false,
  adjustedCloses: true,
  supportsSince: false,
  freePlanLimits: { concurrency: 64, requestsPerMinute: 1_000_000, requestsPerDay: null },
  create: (options) => new DemoProvider({ now: options.now }),
};
