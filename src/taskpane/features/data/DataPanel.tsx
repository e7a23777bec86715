import { usePaneStyles } from "../../common/ui/styles";
import { FreezeCard } from "./FreezeCard";
import { RefreshCard } from "./RefreshCard";

export function DataPanel({ preview }: { preview: boolean }) {
  const styles = usePaneStyles();
  return (
    <div className={styles.stack}>
      <RefreshCard />
      <FreezeCard preview={preview} />
    </div>
  );
}
