import { makeStyles, mergeClasses, tokens } from "@fluentui/react-components";
import { liveQuoteStatus } from "../../../addin";
import { useBusy } from "../../common/hooks/busy";
import { useServices } from "../../common/services";
import { RefusedQueuePanel } from "./RefusedQueuePanel";
import { liveStatusItems } from "./live-status-items";
import { statusItems } from "./status-items";
import { useDataStatus } from "./useDataStatus";

const useStyles = makeStyles({
  root: {
    borderTop: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalM}`,
    backgroundColor: tokens.colorNeutralBackground2,
  },
  heading: { margin: `0 0 ${tokens.spacingVerticalXS}`, fontSize: tokens.fontSizeBase200, fontWeight: tokens.fontWeightSemibold },
  // Two columns of counters from 320 px up; labels never shrink or clip: a long value wraps under its label instead.
  list: {
    display: "grid",
    gridTemplateColumns: "repeat(auto-fill, minmax(130px, 1fr))",
    columnGap: tokens.spacingHorizontalL,
    rowGap: tokens.spacingVerticalXXS,
    margin: 0,
    fontSize: tokens.fontSizeBase200,
  },
  item: { display: "flex", flexWrap: "wrap", justifyContent: "space-between", columnGap: tokens.spacingHorizontalS, minWidth: 0 },
  wide: { gridColumn: "1 / -1" },
  label: { color: tokens.colorNeutralForeground3, flexShrink: 0, whiteSpace: "nowrap" },
  value: { margin: "0 0 0 auto", minWidth: 0, fontVariantNumeric: "tabular-nums", textAlign: "right", overflowWrap: "anywhere" },
  attention: { color: tokens.colorPaletteRedForeground1, fontWeight: tokens.fontWeightSemibold },
});

/**
 * The shared data source's counters (cells and pane together) and the live quotes' connection and
 * rates, refreshed every 2 s, and the cells the plan's limits refused with "Retry now".
 */
export function StatusPanel() {
  const styles = useStyles();
  const services = useServices();
  const status = useDataStatus(useBusy().active);
  const now = services.now();
  // The live quotes' figures are read at each refresh of the counters (every 2 s while visible).
  const items = [...statusItems(status, now), ...liveStatusItems(liveQuoteStatus(), now)];
  return (
    <section className={styles.root} aria-labelledby="status-heading">
      <h2 id="status-heading" className={styles.heading}>
        Data status
      </h2>
      <dl className={styles.list}>
        {items.map((item) => (
          <div key={item.label} className={mergeClasses(styles.item, item.wide && styles.wide)} data-status={item.label}>
            <dt className={styles.label}>{item.label}</dt>
            <dd className={mergeClasses(styles.value, item.attention && styles.attention)}>{item.value}</dd>
          </div>
        ))}
      </dl>
      <RefusedQueuePanel changeHint={status} />
    </section>
  );
}
