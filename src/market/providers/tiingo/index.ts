export * from "./client";
export * from "./parse";
export * from "./spec";
export * from "./symbol";
