import { useCallback, useRef, useState } from "react";
import { errorText } from "../error-text";
import type { Progress, ProgressListener } from "../workbook";
import { useBusy } from "./busy";

export interface TaskState<T> {
  readonly running: boolean;
  readonly progress: Progress | null;
  readonly error: string | null;
  readonly result: T | null;
}

export interface Task<T> extends TaskState<T> {
  /** Runs `work` unless another task is running; errors end up in `error`, never thrown. */
  readonly run: (work: (progress: ProgressListener) => Promise<T>) => Promise<void>;
  readonly dismiss: () => void;
}

const IDLE = { running: false, progress: null, error: null, result: null };

/** A long workbook action: progress while it runs, then its result or its error message. */
export function useTask<T>(): Task<T> {
  const busy = useBusy();
  const [state, setState] = useState<TaskState<T>>(IDLE);
  const running = useRef(false);

  const run = useCallback(
    async (work: (progress: ProgressListener) => Promise<T>) => {
      if (running.current) return;
      running.current = true;
      const end = busy.begin();
      setState({ running: true, progress: null, error: null, result: null });
      try {
        const result = await work((progress) => setState((current) => ({ ...current, progress })));
        setState({ running: false, progress: null, error: null, result });
      } catch (error) {
        setState({ running: false, progress: null, error: errorText(error), result: null });
      } finally {
        running.current = false;
        end();
      }
    },
    [busy],
  );
  const dismiss = useCallback(() => setState(IDLE), []);
  return { ...state, run, dismiss };
}
