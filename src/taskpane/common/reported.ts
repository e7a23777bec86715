import type { FailureReason, ProviderName } from "../../market";
import { failuresSince } from "./outcome";
import type { PaneServices } from "./services";

/** An action's result with what the data source ran into meanwhile, for the pane's report. */
export interface Reported<T> {
  readonly result: T;
  /** Failures of the shared data store while the action ran (cells' fetches included). */
  readonly failures: readonly FailureReason[];
  /** The provider the data came from. */
  readonly provider: ProviderName;
}

/** Runs `work`, reading the data store's failure reasons before and after it. */
export async function reporting<T>(services: PaneServices, work: () => Promise<T>): Promise<Reported<T>> {
  const before = services.dataStatus().failures;
  const result = await work();
  const after = services.dataStatus();
  return { result, failures: failuresSince(before, after.failures), provider: after.settings.provider };
}
