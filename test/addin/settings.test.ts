import { DEFAULT_SETTINGS, readSettings, SettingsStorage, takesPlan, writeSettings } from "../../src/addin";

/** A Storage that keeps items in a map, as localStorage does. */
function memoryStorage(): SettingsStorage & { items: Map<string, string> } {
  const items = new Map<string, string>();
  return {
    items,
    getItem: (key) => items.get(key) ?? null,
    setItem: (key, value) => void items.set(key, value),
    removeItem: (key) => void items.delete(key),
  };
}

describe("the analyst's settings in browser storage", () => {
  it("default to Yahoo, no key, the free plan and the add-in's own server", () => {
    expect(readSettings(memoryStorage())).toEqual({ provider: "yahoo", apiKey: null, plan: "free", serverUrl: null });
    expect(DEFAULT_SETTINGS.plan).toBe("free");
  });

  it("keep the plan with the key, per provider, and nothing for the free plan", () => {
    const storage = memoryStorage();
    writeSettings({ provider: "tiingo", apiKey: "k-tiingo", plan: "power", serverUrl: null }, storage);
    expect(storage.items.get("rotation-desk.plan.tiingo")).toBe("power");
    writeSettings({ provider: "alphavantage", apiKey: "k-av", plan: "free", serverUrl: null }, storage);
    expect(storage.items.has("rotation-desk.plan.alphavantage")).toBe(false);
    expect(readSettings(storage)).toEqual({ provider: "alphavantage", apiKey: "k-av", plan: "free", serverUrl: null });
    // Back to Tiingo: its key and plan are still there.
    storage.items.set("rotation-desk.provider", "tiingo");
    expect(readSettings(storage)).toEqual({ provider: "tiingo", apiKey: "k-tiingo", plan: "power", serverUrl: null });
  });

  it("read a plan the provider does not have (edited storage, an older tier list) as free", () => {
    const storage = memoryStorage();
    storage.items.set("rotation-desk.provider", "tiingo");
    storage.items.set("rotation-desk.plan.tiingo", "premium-75");
    expect(readSettings(storage).plan).toBe("free");
    storage.items.set("rotation-desk.plan.tiingo", " POWER ");
    expect(readSettings(storage).plan).toBe("power");
  });

  it("keep no plan for providers without keys", () => {
    const storage = memoryStorage();
    writeSettings({ provider: "yahoo", apiKey: null, plan: "power", serverUrl: null }, storage);
    expect([...storage.items.keys()]).toEqual(["rotation-desk.provider"]);
    expect(takesPlan("yahoo")).toBe(false);
    expect(takesPlan("demo")).toBe(false);
    expect(takesPlan("tiingo")).toBe(true);
  });
});
