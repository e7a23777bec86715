import { FluentProvider, makeStyles, Tab, TabList, tokens, webLightTheme } from "@fluentui/react-components";
import { useState } from "react";
import { BusyContext } from "../common/hooks/busy";
import { useMediaQuery } from "../common/hooks/useMediaQuery";
import { useBusyState } from "../common/hooks/useBusyState";
import { PaneServices, ServicesProvider } from "../common/services";
import { BasketsPanel, useBaskets } from "../features/baskets";
import { DataPanel } from "../features/data";
import { SettingsPanel, UpstreamNotice } from "../features/settings";
import { StatusPanel } from "../features/status";
import { PreviewBanner } from "./PreviewBanner";
import { TablesPanel } from "./TablesPanel";

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", minHeight: "100vh", backgroundColor: tokens.colorNeutralBackground1 },
  header: {
    display: "flex",
    flexDirection: "column",
    rowGap: tokens.spacingVerticalS,
    padding: `${tokens.spacingVerticalM} ${tokens.spacingHorizontalM} 0`,
  },
  title: { margin: 0, fontSize: tokens.fontSizeBase500, fontWeight: tokens.fontWeightSemibold, lineHeight: tokens.lineHeightBase500 },
  main: { flexGrow: 1, padding: tokens.spacingHorizontalM },
});

const TABS = [
  { value: "baskets", label: "Baskets" },
  { value: "tables", label: "Tables" },
  { value: "data", label: "Data" },
  { value: "settings", label: "Settings" },
] as const;
type TabValue = (typeof TABS)[number]["value"];

/** The task pane: baskets, tables, data (refresh, freeze) and settings, with the data status below. */
export function App({ services }: { services: PaneServices }) {
  const styles = useStyles();
  const busy = useBusyState();
  const baskets = useBaskets(services.workbook.baskets);
  const [tab, setTab] = useState<TabValue>("baskets");
  const preview = services.workbook.kind === "preview";
  // Excel's narrowest task pane is 320 px: the four tabs fit there only at Fluent's small size.
  const narrow = useMediaQuery("(max-width: 340px)");

  return (
    <FluentProvider theme={webLightTheme} className={styles.root}>
      <ServicesProvider value={services}>
        <BusyContext.Provider value={busy}>
          <header className={styles.header}>
            <h1 className={styles.title}>Rotation Desk</h1>
            {preview && <PreviewBanner />}
            <UpstreamNotice />
            <TabList
              size={narrow ? "small" : "medium"}
              selectedValue={tab}
              onTabSelect={(_event, data) => setTab(data.value as TabValue)}
              aria-label="Task pane sections"
            >
              {TABS.map((t) => (
                <Tab key={t.value} value={t.value} id={`tab-${t.value}`} aria-controls={t.value === tab ? "pane-panel" : undefined}>
                  {t.label}
                </Tab>
              ))}
            </TabList>
          </header>
          <main className={styles.main}>
            <div role="tabpanel" id="pane-panel" aria-labelledby={`tab-${tab}`}>
              {tab === "baskets" && <BasketsPanel baskets={baskets} where={preview ? "in this browser" : "in this workbook"} />}
              {tab === "tables" && <TablesPanel baskets={baskets.all} preview={preview} />}
              {tab === "data" && <DataPanel preview={preview} />}
              {tab === "settings" && <SettingsPanel />}
            </div>
          </main>
          <StatusPanel />
        </BusyContext.Provider>
      </ServicesProvider>
    </FluentProvider>
  );
}
