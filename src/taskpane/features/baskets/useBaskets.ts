import { useCallback, useEffect, useMemo, useState } from "react";
import type { Basket, BasketStorage } from "../../../baskets";
import { PRESET_BASKETS } from "../../../baskets";
import { errorText } from "../../common/error-text";

export interface BasketsState {
  readonly presets: readonly Basket[];
  readonly own: readonly Basket[];
  /** Presets then the analyst's own, for pickers. */
  readonly all: readonly Basket[];
  readonly loading: boolean;
  readonly loadError: string | null;
  readonly reload: () => Promise<void>;
  /** Rejects with the storage's message; the list is re-read either way. */
  readonly save: (basket: Basket, previousName?: string) => Promise<void>;
  readonly remove: (name: string) => Promise<void>;
}

export function useBaskets(storage: BasketStorage): BasketsState {
  const [own, setOwn] = useState<readonly Basket[]>([]);
  const [loading, setLoading] = useState(true);
  const [loadError, setLoadError] = useState<string | null>(null);

  const reload = useCallback(async () => {
    try {
      setOwn(await storage.list());
      setLoadError(null);
    } catch (error) {
      setLoadError(errorText(error));
    } finally {
      setLoading(false);
    }
  }, [storage]);

  useEffect(() => {
    void reload();
  }, [reload]);

  const save = useCallback(
    async (basket: Basket, previousName?: string) => {
      try {
        await storage.save(basket, previousName);
      } finally {
        await reload();
      }
    },
    [storage, reload],
  );
  const remove = useCallback(
    async (name: string) => {
      try {
        await storage.remove(name);
      } finally {
        await reload();
      }
    },
    [storage, reload],
  );
  const all = useMemo(() => [...PRESET_BASKETS, ...own], [own]);
  return { presets: PRESET_BASKETS, own, all, loading, loadError, reload, save, remove };
}
