import { fixtureText, replayOf, yahooRecording } from "../support/recordings";
import { ReplayServer, Route, startReplayServer } from "../support/replay-server";

export const CHART = "/v8/finance/chart/";
/** TSLA's full daily history as Yahoo sent it (~3,300 bars, ~350 KB as SeriesJson). */
export const TSLA = yahooRecording("historical-via-chart-dividends-TSLA-no-dividends.json");
/** Yahoo's "No data found, symbol may be delisted" 404. */
export const MDLY = yahooRecording("historicalv8-MDLY-2020-01-01-to-2021-01-04.json");

/** Yahoo's failures from recordings: MDLY unknown, RATE a 429 with Retry-After 30, DOWN a dropped connection. */
export function yahooFailureRoutes(): Route[] {
  return [
    { path: `${CHART}MDLY`, respond: replayOf(MDLY) },
    {
      path: `${CHART}RATE`,
      respond: {
        status: 429,
        headers: { "content-type": "text/plain", "retry-after": "30" },
        body: fixtureText("yahoo/transcribed/http429_body_Edge_Too_Many_Requests.txt"),
      },
    },
    { path: `${CHART}DOWN`, respond: { drop: "before-headers" } },
  ];
}

/**
 * A loopback Yahoo from recordings: `extra` first, then the failures of yahooFailureRoutes, and
 * every other ticker TSLA's recorded history (the parser takes the ticker asked for).
 */
export function startYahoo(extra: Route[] = []): Promise<ReplayServer> {
  return startReplayServer([...extra, ...yahooFailureRoutes(), { path: /^\/v8\/finance\/chart\/[^/]+$/, respond: replayOf(TSLA) }]);
}

/** The environment a server needs to use `yahoo` as its Yahoo. */
export function yahooEnv(yahoo: ReplayServer): Record<string, string> {
  return { MKT_YAHOO_URL: yahoo.url };
}
