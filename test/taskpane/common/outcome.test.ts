import type { FailureReason } from "../../../src/market";
import { explainFailure, failuresSince, groupMessages, reportFreeze, reportOutcome } from "../../../src/taskpane/common/outcome";
import { outcomeOf, sumOutcomes } from "../../../src/taskpane/common/preview/cell-result";

const offline: FailureReason = {
  kind: "unavailable",
  reason: "Could not reach Yahoo for {ticker}: host name not found",
  example: "Could not reach Yahoo for IWM: host name not found",
  count: 9,
  tickers: ["IWM", "SPY", "QQQ", "CAT", "DCI"],
  moreTickers: true,
  lastAt: 2_000,
};
const unknown: FailureReason = {
  kind: "unknown-symbol",
  reason: "Yahoo does not know {ticker}",
  example: "Yahoo does not know XYZQ",
  count: 1,
  tickers: ["XYZQ"],
  moreTickers: false,
  lastAt: 1_500,
};
const base = {
  done: "Table inserted",
  where: "Sector_Growth at Sheet 'Growth' A1:K10",
  provider: "yahoo" as const,
  workbook: "excel" as const,
};

describe("failuresSince", () => {
  it("keeps what failed during the action, with the counts of that interval", () => {
    const before = [{ ...offline, count: 4, lastAt: 1_000 }];
    expect(failuresSince(before, [offline, unknown])).toEqual([{ ...offline, count: 5 }, unknown]);
    expect(failuresSince([offline], [offline])).toEqual([]);
  });

  it("counts a reason in full when it was dropped from the bounded list and came back", () => {
    expect(failuresSince([{ ...offline, count: 20, lastAt: 1_000 }], [{ ...offline, count: 2 }])).toEqual([{ ...offline, count: 2 }]);
  });
});

describe("reportOutcome", () => {
  it("is green only when every cell computed", () => {
    const report = reportOutcome({ ...base, outcome: { cells: 63, errors: 0, pending: 0, messages: [] }, failures: [] });
    expect(report).toEqual({
      intent: "success",
      title: "Table inserted",
      summary: "Sector_Growth at Sheet 'Growth' A1:K10. All 63 cells computed.",
      reasons: [],
      advice: [],
      offerDemo: false,
    });
  });

  it("warns with counts, the most common reason, what to do, and demo data when the provider cannot be reached", () => {
    const report = reportOutcome({ ...base, outcome: { cells: 63, errors: 30, pending: 0, messages: [] }, failures: [offline, unknown] });
    expect(report.intent).toBe("warning");
    expect(report.title).toBe("Table inserted; 30 of 63 cells have errors — Yahoo Finance could not be reached");
    expect(report.summary).toBe("Sector_Growth at Sheet 'Growth' A1:K10. 33 cells computed.");
    expect(report.reasons).toEqual([
      "Yahoo Finance could not be reached (IWM, SPY, QQQ, CAT, DCI and others): Could not reach Yahoo for IWM: host name not found",
      "Yahoo Finance does not know some tickers (XYZQ): Yahoo does not know XYZQ",
    ]);
    expect(report.advice).toEqual([
      "Check the internet connection (Settings → Test connection) and refresh later, or use demo data to work offline.",
      "Check the tickers' spelling (Baskets → Edit → Check tickers).",
    ]);
    expect(report.offerDemo).toBe(true);
  });

  it("where the cells' messages are known, ranks reasons by the cells they explain and names the top cause only if it is a failure", () => {
    const cell = (message: string) => ({ ok: false as const, code: "#N/A", message });
    const tickers = ["TSLA", "NVDA", "AAPL", "GOOG"];
    const fewOffline = outcomeOf(
      [
        { ok: true, value: 1 },
        cell("Could not reach Yahoo for NVDA: host name not found"),
        cell("AAPL has no close on or before 2019-12-31"),
        cell("GOOG has no close on or before 2019-12-31"),
      ],
      (index) => tickers[index],
    );
    const report = reportOutcome({ ...base, workbook: "preview", outcome: fewOffline, failures: [offline] });
    // Two of the three errors are short histories: the title does not blame the connection.
    expect(report.title).toBe("Table inserted; 3 of 4 cells have errors");
    expect(report.reasons).toEqual([
      "2 cells (AAPL, GOOG): AAPL has no close on or before 2019-12-31",
      "1 cell — Yahoo Finance could not be reached (IWM, SPY, QQQ, CAT, DCI and others): Could not reach Yahoo for IWM: host name not found",
    ]);
    expect(report.advice.at(-1)).toBe("Each error cell says why: point at it in the preview sheet.");
    expect(report.offerDemo).toBe(true);

    const mostlyOffline = outcomeOf(
      [cell("Could not reach Yahoo for NVDA: host name not found"), cell("Could not reach Yahoo for META: host name not found"), cell("x")],
      (index) => ["NVDA", "META", "TSLA"][index],
    );
    const second = reportOutcome({ ...base, workbook: "preview", outcome: mostlyOffline, failures: [offline] });
    expect(second.title).toBe("Table inserted; 3 of 3 cells have errors — Yahoo Finance could not be reached");
    expect(second.reasons[0]).toMatch(/^2 cells — Yahoo Finance could not be reached/);
  });

  it("without known reasons, says where each cell's reason can be read (Excel)", () => {
    const report = reportOutcome({ ...base, outcome: { cells: 10, errors: 1, pending: 0, messages: [] }, failures: [] });
    expect(report.title).toBe("Table inserted; 1 of 10 cells has an error");
    expect(report.advice).toEqual(["Each error cell says why: select it and open the error indicator (!) beside it."]);
    expect(report.offerDemo).toBe(false);
  });

  it("says which cells are still calculating", () => {
    const report = reportOutcome({ ...base, outcome: { cells: 10, errors: 0, pending: 4, messages: [] }, failures: [] });
    expect(report.title).toBe("Table inserted; 4 of 10 cells still calculating");
    expect(report.summary).toMatch(/6 cells computed\.$/);
  });

  it("does not call a refresh that failed a success even when older copies answered every cell", () => {
    const report = reportOutcome({
      ...base,
      done: "Data refreshed",
      where: null,
      outcome: { cells: 8, errors: 0, pending: 0, messages: [] },
      failures: [offline],
    });
    expect(report.intent).toBe("warning");
    expect(report.title).toBe("Data refreshed; some prices could not be refreshed — Yahoo Finance could not be reached");
    expect(report.summary).toMatch(/9 data requests failed/);
  });

  it("never offers demo data to someone already using it", () => {
    const report = reportOutcome({
      ...base,
      provider: "demo",
      outcome: { cells: 2, errors: 2, pending: 0, messages: [] },
      failures: [offline],
    });
    expect(report.offerDemo).toBe(false);
  });
});

describe("explainFailure", () => {
  it("tells the data server from the provider, and each kind its own advice", () => {
    expect(explainFailure("unavailable", "Could not reach the data server for IWM: connection refused", "yahoo").headline).toBe(
      "the data server could not be reached",
    );
    expect(explainFailure("unavailable", "Yahoo is unavailable (HTTP 503) for IWM", "yahoo").headline).toBe("Yahoo Finance is unavailable");
    expect(explainFailure("invalid-key", "bad key", "tiingo").advice).toMatch(/API key in Settings/);
    expect(explainFailure("rate-limited", "429", "yahoo").offerDemo).toBe(false);
  });
});

describe("preview outcomes", () => {
  it("counts errors and groups their messages, most common first", () => {
    expect(
      groupMessages([
        { message: "a", ticker: null },
        { message: "no cross in AAPL's history", ticker: "AAPL" },
        { message: "no cross in GOOG's history", ticker: "GOOG" },
      ]),
    ).toEqual([
      { text: "no cross in AAPL's history", cells: 2, tickers: ["AAPL", "GOOG"] },
      { text: "a", cells: 1, tickers: [] },
    ]);
    const one = outcomeOf([{ ok: false, code: "#N/A", message: "x" }]);
    expect(sumOutcomes([one, outcomeOf([{ ok: true, value: 2 }])])).toEqual({
      cells: 2,
      errors: 1,
      pending: 0,
      messages: [{ text: "x", cells: 1, tickers: [] }],
    });
  });
});

describe("reportFreeze", () => {
  it("says how many frozen cells hold errors", () => {
    expect(reportFreeze("Sheet 'S' A1:B2", 40, 0)).toMatchObject({ intent: "success", title: "Values frozen" });
    expect(reportFreeze("Sheet 'S' A1:B2", 40, 12)).toMatchObject({
      intent: "warning",
      title: "Values frozen; 12 of 40 frozen cells hold errors",
      summary: "40 cells at Sheet 'S' A1:B2. Recipients see those errors (#N/A…), not numbers.",
    });
  });
});
