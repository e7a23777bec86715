import type { Basket } from "../../../baskets/basket";
import { usePaneStyles } from "../styles";
import { RotationViewForm } from "./RotationViewForm";
import { SectorTableForm } from "./SectorTableForm";

export function TablesPanel({ baskets, preview }: { baskets: readonly Basket[]; preview: boolean }) {
  const styles = usePaneStyles();
  return (
    <div className={styles.stack}>
      <SectorTableForm baskets={baskets} previewPlaces={preview} />
      <RotationViewForm baskets={baskets} />
    </div>
  );
}
