import { Button, makeStyles, MessageBar, MessageBarActions, MessageBarBody, MessageBarTitle, tokens } from "@fluentui/react-components";
import { useSettings } from "../hooks/useSettings";
import type { OutcomeReport } from "../outcome";
import { UseDemoDataButton } from "./UseDemoDataButton";

const useStyles = makeStyles({
  list: { margin: `${tokens.spacingVerticalXS} 0 0`, paddingLeft: tokens.spacingHorizontalL },
  item: { overflowWrap: "anywhere" },
  line: { margin: `${tokens.spacingVerticalXS} 0 0` },
});

/**
 * How an action came out, told truthfully: green only when every cell computed; otherwise a
 * warning with the counts, the most common reasons, what to do, and "Use demo data" where that
 * is a way on.
 */
export function OutcomeBar({ report, onDismiss }: { report: OutcomeReport; onDismiss?: () => void }) {
  const styles = useStyles();
  const settings = useSettings();
  const warning = report.intent === "warning";
  const offerDemo = report.offerDemo && settings.provider !== "demo";
  return (
    <MessageBar intent={report.intent} layout="multiline" role={warning ? "alert" : "status"} data-outcome={report.intent}>
      <MessageBarBody>
        <MessageBarTitle>{report.title}</MessageBarTitle>
        {report.summary}
        {report.reasons.length > 0 && (
          <ul className={styles.list} aria-label="Most common reasons">
            {report.reasons.map((reason) => (
              <li key={reason} className={styles.item}>
                {reason}
              </li>
            ))}
          </ul>
        )}
        {report.advice.map((advice) => (
          <p key={advice} className={styles.line}>
            {advice}
          </p>
        ))}
        {report.offerDemo && settings.provider === "demo" && (
          <p className={styles.line}>Now using demo data: insert again or refresh data to recompute with it.</p>
        )}
      </MessageBarBody>
      {(offerDemo || (warning && onDismiss !== undefined)) && (
        <MessageBarActions>
          {offerDemo && <UseDemoDataButton />}
          {warning && onDismiss !== undefined && (
            <Button appearance="transparent" size="small" onClick={onDismiss}>
              Dismiss
            </Button>
          )}
        </MessageBarActions>
      )}
    </MessageBar>
  );
}
