import path from "node:path";

/** `../shared` beside the checkout: recorded provider fixtures and reference values (tests only). */
export const SHARED_DIR = path.resolve(__dirname, "../../../shared");
export const PROVIDER_FIXTURES_DIR = path.join(SHARED_DIR, "fixtures/providers");
export const REFERENCE_DIR = path.join(SHARED_DIR, "reference");
