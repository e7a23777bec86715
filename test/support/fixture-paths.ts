import path from "node:path";

/**
 * The repository's own test data (tests only): recorded provider responses and reference values,
 * copied in from the team's shared folder. Where each file came from: test/fixtures/SOURCES.md.
 */
export const FIXTURES_DIR = path.resolve(__dirname, "../fixtures");
export const PROVIDER_FIXTURES_DIR = path.join(FIXTURES_DIR, "providers");
export const REFERENCE_DIR = path.join(FIXTURES_DIR, "reference");
