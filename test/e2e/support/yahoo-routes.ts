import { replayOf, yahooRecording } from "../../support/recordings";
import type { Route } from "../../support/replay-server";

/** Recorded Yahoo answers the browser tests replay, by ticker. */
export const RECORDED_HISTORIES: Readonly<Record<string, string>> = {
  TSLA: "historical-via-chart-dividends-TSLA-no-dividends.json", // 2010-06-29 … 2023-08-11
  AAPL: "historicalv8-AAPL-2020-01-01-to-2021-01-04.json",
  AMZN: "historicalv8-AMZN-2020-01-01-to-2021-01-04.json",
  GOOG: "historicalv8-GOOG-2020-01-01-to-2021-01-04.json",
  QQQ: "historicalv8-QQQ-2020-01-01-to-2021-01-04.json",
  MDLY: "historicalv8-MDLY-2020-01-01-to-2021-01-04.json", // 404: "No data found, symbol may be delisted"
};

/** Every other ticker gets what an upstream outage looks like: HTTP 500 with an HTML page. */
export const OUTAGE_BODY = "<html><body><h1>500 Internal Server Error</h1></body></html>";

/** Answers (with an outage) only after 1.5 s. */
export const SLOW_TICKER = "SLOW";

export function yahooRoutes(): Route[] {
  const recorded: Route[] = Object.entries(RECORDED_HISTORIES).map(([ticker, file]) => ({
    path: `/v8/finance/chart/${ticker}`,
    respond: replayOf(yahooRecording(file)),
  }));
  // A slow outage: long enough to watch the pane while it works.
  const slow: Route = {
    path: `/v8/finance/chart/${SLOW_TICKER}`,
    respond: { status: 500, headers: { "content-type": "text/html" }, body: OUTAGE_BODY, delayMs: 1_500 },
  };
  const outage: Route = {
    path: /^\/v8\/finance\/chart\//,
    respond: { status: 500, headers: { "content-type": "text/html" }, body: OUTAGE_BODY },
  };
  return [...recorded, slow, outage];
}
