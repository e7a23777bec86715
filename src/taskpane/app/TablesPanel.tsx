import type { Basket } from "../../baskets";
import { usePaneStyles } from "../common/ui/styles";
import { RotationViewForm } from "../features/rotation-view";
import { SectorTableForm } from "../features/sector-table";

export function TablesPanel({ baskets, preview }: { baskets: readonly Basket[]; preview: boolean }) {
  const styles = usePaneStyles();
  return (
    <div className={styles.stack}>
      <SectorTableForm baskets={baskets} previewPlaces={preview} />
      <RotationViewForm baskets={baskets} />
    </div>
  );
}
