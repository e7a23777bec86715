import { useCallback, useMemo, useState } from "react";
import type { Busy } from "./busy";

/** The app-wide Busy value: a count of running tasks. */
export function useBusyState(): Busy {
  const [count, setCount] = useState(0);
  const begin = useCallback(() => {
    setCount((n) => n + 1);
    let ended = false;
    return () => {
      if (ended) return;
      ended = true;
      setCount((n) => n - 1);
    };
  }, []);
  return useMemo(() => ({ active: count > 0, begin }), [count, begin]);
}
