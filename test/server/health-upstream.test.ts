import { buildServer } from "../../server/app";
import type { ProbeOutcome } from "../../server/upstream-probe";
import { makeStaticDir, removeTempDirs } from "./helpers";

afterAll(removeTempDirs);

/** GET /api/health's `upstream`, the shape the task pane reads. */
async function upstreamOf(outcome: (() => ProbeOutcome) | null): Promise<unknown> {
  const app = buildServer({ staticDir: makeStaticDir(), ...(outcome && { upstream: { outcome } }) });
  try {
    const res = await app.inject({ method: "GET", url: "/api/health" });
    expect(res.statusCode).toBe(200);
    return res.json().upstream;
  } finally {
    await app.close();
  }
}

describe("upstream in GET /api/health", () => {
  it("is all nulls when the server was not given a probe (or it has not finished)", async () => {
    const unchecked = { provider: "yahoo", reachable: null, message: null, checkedAt: null };
    expect(await upstreamOf(null)).toStrictEqual(unchecked);
    expect(await upstreamOf(() => ({ status: { ...unchecked, provider: "yahoo" }, answered: null }))).toStrictEqual(unchecked);
  });

  it("reports the probe's result with exactly provider, reachable, message and checkedAt", async () => {
    const reachable = { provider: "yahoo" as const, reachable: true, message: "answered in 210 ms", checkedAt: 1_780_000_000_000 };
    expect(await upstreamOf(() => ({ status: reachable, answered: true }))).toStrictEqual(reachable);
    const unreachable = { provider: "yahoo" as const, reachable: false, message: "host name not found", checkedAt: 1_780_000_000_000 };
    expect(await upstreamOf(() => ({ status: unreachable, answered: false }))).toStrictEqual(unreachable);
  });

  it("reads the probe on every request, so a result that arrives after start-up shows", async () => {
    let outcome: ProbeOutcome = { status: { provider: "yahoo", reachable: null, message: null, checkedAt: null }, answered: null };
    const app = buildServer({ staticDir: makeStaticDir(), upstream: { outcome: () => outcome } });
    try {
      expect((await app.inject({ url: "/api/health" })).json().upstream.reachable).toBeNull();
      outcome = { status: { provider: "yahoo", reachable: true, message: "answered in 5 ms", checkedAt: 1 }, answered: true };
      expect((await app.inject({ url: "/api/health" })).json().upstream).toStrictEqual(outcome.status);
    } finally {
      await app.close();
    }
  });
});
