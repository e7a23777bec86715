import { Field, ProgressBar } from "@fluentui/react-components";
import type { Progress } from "../workbook";

/** The progress of a running task; indeterminate until the task reports its first step. */
export function TaskProgress({ progress, label }: { progress: Progress | null; label: string }) {
  const value = progress !== null && progress.total > 0 ? progress.done / progress.total : undefined;
  const hint =
    progress === null ? "Starting…" : progress.total > 0 ? `${progress.label} (${progress.done} of ${progress.total})` : progress.label;
  return (
    <Field label={label} hint={hint} validationState="none">
      <ProgressBar value={value} thickness="large" aria-valuetext={hint} />
    </Field>
  );
}
