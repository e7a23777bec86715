import { describeSnapshotContract, snap } from "../snapshot-contract";

/** The demo provider's synthetic fundamentals: deterministic, offline, marked demo. */
describeSnapshotContract("demo", {
  now: "2025-02-17T12:00:00Z",
  cases: {
    notApplicable: "synthetic data, nothing recorded",
    instead: {
      tickers: {
        AAPL: snap("equity", "USD"),
        QQQ: snap("fund", "USD", { epsTrailing: null, epsForward: null }),
        MSFT: snap("equity", "USD"),
      },
    },
  },
  unknownSymbol: { notApplicable: "the demo invents data for any ticker", instead: { syntheticSnapshot: "ZZZZ" } },
  keys: { notApplicable: "the demo needs no key", instead: { keyIgnored: { ticker: "AAPL", routes: [] } } },
  rateLimited: { notApplicable: "the demo makes no request", instead: { burstWithoutUpstream: 500 } },
  earnings: {
    cases: [
      {
        files: [],
        what: "synthetic quarters with report dates, deterministic, none after today",
        routes: [],
        ticker: "AAPL",
        expect: { quarters: 48, first: "2013-05-01", last: "2025-01-31", periodEnds: true },
      },
    ],
  },
});
