import { readUpstreamHealth, upstreamDown, upstreamOf } from "../../../../src/taskpane/features/settings/upstream-health";

const yahoo = { provider: "yahoo" as const, apiKey: null, plan: "free", serverUrl: null };
const body = (upstream: unknown) => ({ ok: true, providers: ["yahoo"], stats: {}, upstream });

function answering(status: number, json: unknown): { fetch: typeof fetch; urls: string[] } {
  const urls: string[] = [];
  const fetch = (async (url: string) => {
    urls.push(url);
    return new Response(JSON.stringify(json), { status, headers: { "content-type": "application/json" } });
  }) as unknown as typeof globalThis.fetch;
  return { fetch, urls };
}

describe("the data server's word on its upstream", () => {
  it("reads the upstream field; a missing or malformed one is unknown", () => {
    const down = { provider: "yahoo", reachable: false, message: "Could not reach Yahoo: host name not found", checkedAt: 1_700 };
    expect(upstreamOf(body(down))).toEqual(down);
    expect(upstreamOf(body({ provider: "yahoo", reachable: null, message: null, checkedAt: null }))).toEqual({
      provider: "yahoo",
      reachable: null,
      message: null,
      checkedAt: null,
    });
    expect(upstreamOf({ ok: true, providers: ["yahoo"] })).toBeNull();
    expect(upstreamOf(body("down"))).toBeNull();
    expect(upstreamOf(null)).toBeNull();
  });

  it("warns only when the provider the settings use is known to be unreachable", () => {
    const down = { provider: "yahoo", reachable: false, message: null, checkedAt: 1 };
    expect(upstreamDown(down, yahoo)).toBe(true);
    expect(upstreamDown({ ...down, reachable: null }, yahoo)).toBe(false);
    expect(upstreamDown({ ...down, reachable: true }, yahoo)).toBe(false);
    expect(upstreamDown(down, { ...yahoo, provider: "tiingo" })).toBe(false);
    expect(upstreamDown(down, { ...yahoo, provider: "demo" })).toBe(false);
    expect(upstreamDown(null, yahoo)).toBe(false);
  });

  it("asks the server the settings name, and treats any failure as unknown", async () => {
    const up = answering(200, body({ provider: "yahoo", reachable: true, message: null, checkedAt: 5 }));
    await expect(
      readUpstreamHealth({ ...yahoo, serverUrl: "https://desk.example.com/" }, { fetch: up.fetch, pageOrigin: "https://x" }),
    ).resolves.toMatchObject({ reachable: true });
    expect(up.urls).toEqual(["https://desk.example.com/api/health"]);

    await expect(readUpstreamHealth(yahoo, { fetch: answering(500, {}).fetch, pageOrigin: "https://x" })).resolves.toBeNull();
    const refused = (async () => {
      throw new TypeError("Failed to fetch");
    }) as unknown as typeof fetch;
    await expect(readUpstreamHealth(yahoo, { fetch: refused, pageOrigin: "https://x" })).resolves.toBeNull();
    const demo = answering(200, {});
    await expect(readUpstreamHealth({ ...yahoo, provider: "demo" }, { fetch: demo.fetch, pageOrigin: "https://x" })).resolves.toBeNull();
    expect(demo.urls).toEqual([]);
  });
});
