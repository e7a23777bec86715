import { createContext, useContext } from "react";

/**
 * Whether any long workbook task is running: buttons that start another one are disabled
 * meanwhile, so two tasks never write to the workbook at once.
 */
export interface Busy {
  readonly active: boolean;
  /** Marks the start of a task; call the returned function when it ends. */
  readonly begin: () => () => void;
}

export const BusyContext = createContext<Busy>({ active: false, begin: () => () => undefined });

export function useBusy(): Busy {
  return useContext(BusyContext);
}
