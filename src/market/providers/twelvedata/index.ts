export * from "./client";
export * from "./parse";
export * from "./spec";
export * from "./symbol";
export * from "./fundamentals";
export * from "./fundamentals-parse";
export { TWELVEDATA_PLANS } from "./plans";
export * from "./quote";
export * from "./quote-parse";
