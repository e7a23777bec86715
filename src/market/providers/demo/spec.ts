import type { ProviderSpec } from "../shared";
import { DemoProvider } from "./client";
import { DEMO_PLANS } from "./plans";

export const DEMO_SPEC: ProviderSpec = {
  name: "demo",
  label: "Demo (synthetic data)",
  defaultBaseUrl: "http://demo.invalid",
  knownHosts: [],
  keyRequired: false,
  keyPattern: null,
  maxBodyBytes: 1024 * 1024, // never fetches
  adjustedCloses: true,
  supportsSince: false,
  plans: DEMO_PLANS,
  create: (options) => new DemoProvider({ now: options.now }),
};
