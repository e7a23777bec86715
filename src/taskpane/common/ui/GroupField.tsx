import { Field, FieldContextProvider, makeStyles, tokens } from "@fluentui/react-components";
import type { ReactNode } from "react";

const useStyles = makeStyles({
  // Grid items may shrink below their text, and labels wrap (a long basket name breaks inside
  // its own cell rather than running into the next checkbox or past the card).
  group: {
    display: "grid",
    gridTemplateColumns: "repeat(auto-fill, minmax(140px, 1fr))",
    columnGap: tokens.spacingHorizontalS,
    // A checkbox beside a wrapped label keeps its own height, so its label stays level with its box.
    alignItems: "start",
    "& > *": { minWidth: 0 },
    "& label": { minWidth: 0, overflowWrap: "anywhere" },
  },
});

/**
 * A Field around several checkboxes: the label names the group and the message describes it,
 * while each checkbox keeps its own id and label (a plain Field would give them all one id).
 */
export function GroupField(props: { label: string; validationMessage: string | null; hint?: string; children: ReactNode }) {
  const styles = useStyles();
  return (
    <Field
      label={{ children: props.label, htmlFor: undefined }}
      hint={props.hint}
      validationMessage={props.validationMessage ?? undefined}
      validationState={props.validationMessage === null ? "none" : "error"}
    >
      {(control) => (
        <div
          role="group"
          aria-labelledby={control["aria-labelledby"]}
          aria-describedby={control["aria-describedby"]}
          className={styles.group}
        >
          <FieldContextProvider value={undefined}>{props.children}</FieldContextProvider>
        </div>
      )}
    </Field>
  );
}
