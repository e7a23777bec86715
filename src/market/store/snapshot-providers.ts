import type { SnapshotProvider } from "../core";

const unoffered = new WeakSet<SnapshotProvider>();

/**
 * A stand-in for a provider without valuation data (or whose snapshot client is not there yet): the
 * snapshot store answers each ticker at once with a MarketDataError saying so, never counting a request.
 */
export function unofferedSnapshotProvider(name: string): SnapshotProvider {
  const provider: SnapshotProvider = {
    name,
    snapshotsPerRequest: 1,
    fetchSnapshots: () => Promise.resolve(new Map()),
  };
  unoffered.add(provider);
  return provider;
}

export function isUnofferedSnapshotProvider(provider: SnapshotProvider): boolean {
  return unoffered.has(provider);
}

/** `provider` itself when it also serves snapshots (fetchSnapshots, snapshotsPerRequest); else null. */
export function snapshotProviderOf(provider: object): SnapshotProvider | null {
  const candidate = provider as Partial<SnapshotProvider>;
  return typeof candidate.fetchSnapshots === "function" &&
    typeof candidate.snapshotsPerRequest === "number" &&
    typeof candidate.name === "string"
    ? (candidate as SnapshotProvider)
    : null;
}
