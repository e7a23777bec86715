/**
 * How a table, view or chart computed from the demo provider says so in the sheet itself, live or
 * frozen, in Excel and in a generated file: the same words HISTORY's provenance header uses.
 */
export const DEMO_NOTE = "demo data, not market prices";

/** "Growth picks (Growth)" → "Growth picks (Growth) — demo data, not market prices". */
export function sourcedTitle(title: string, demo: boolean): string {
  return demo ? `${title} — ${DEMO_NOTE}` : title;
}

const SUFFIX = ` — ${DEMO_NOTE}`;
const CHART_SUFFIX = " (demo data)";

/** A title as it should read now: labelled exactly when the data is demo data (a refresh after switching provider). */
export function retitled(title: string, demo: boolean): string {
  const bare = title.endsWith(SUFFIX) ? title.slice(0, -SUFFIX.length) : title;
  return sourcedTitle(bare, demo);
}

/** A chart title, which is short: "Relative strength vs SPY (demo data)". */
export function sourcedChartTitle(title: string, demo: boolean): string {
  const bare = title.endsWith(CHART_SUFFIX) ? title.slice(0, -CHART_SUFFIX.length) : title;
  return demo ? `${bare}${CHART_SUFFIX}` : bare;
}
