/**
 * Browser tests: the built add-in (run `npm run build:addin` first) served by the real server,
 * driven in headless Chromium with playwright-core. Kept apart from the unit tests because they
 * need dist/ and a browser.
 */
const unit = require("./jest.config.js");

/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: "node",
  roots: ["<rootDir>/test/e2e"],
  testMatch: ["**/*.e2e.ts"],
  transform: unit.transform,
  transformIgnorePatterns: unit.transformIgnorePatterns,
  moduleNameMapper: unit.moduleNameMapper,
  testTimeout: 60000,
  // One browser per file; files in parallel would compete for the CPU and time out.
  maxWorkers: 1,
};
