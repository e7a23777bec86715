import { BasketStorageError } from "../../../../src/baskets/basket";
import { KeyValueStorage, LocalBasketStorage, PREVIEW_BASKETS_KEY } from "../../../../src/taskpane/features/baskets/local-basket-storage";

class MemoryStorage implements KeyValueStorage {
  readonly items = new Map<string, string>();
  getItem(key: string): string | null {
    return this.items.get(key) ?? null;
  }
  setItem(key: string, value: string): void {
    this.items.set(key, value);
  }
  removeItem(key: string): void {
    this.items.delete(key);
  }
}

const basket = (name: string, tickers: string[] = ["IWM"]) => ({ name, label: `${name} label`, tickers, preset: false });

describe("LocalBasketStorage (the preview's baskets)", () => {
  it("saves, lists and updates baskets in the order they were created", async () => {
    const storage = new LocalBasketStorage(new MemoryStorage());
    await storage.save(basket("Alpha"));
    await storage.save(basket("Beta", ["QQQ", "SPY"]));
    await storage.save(basket("Alpha", ["TSLA"]));
    expect(await storage.list()).toEqual([basket("Alpha", ["TSLA"]), basket("Beta", ["QQQ", "SPY"])]);
  });

  it("renames in place, and refuses a rename onto another basket's name (any case) keeping both", async () => {
    const storage = new LocalBasketStorage(new MemoryStorage());
    await storage.save(basket("Alpha"));
    await storage.save(basket("Beta"));
    await storage.save(basket("Gamma"), "Alpha");
    expect((await storage.list()).map((b) => b.name)).toEqual(["Gamma", "Beta"]);

    await expect(storage.save(basket("BETA"), "Gamma")).rejects.toThrow(new BasketStorageError("A basket named Beta already exists"));
    expect((await storage.list()).map((b) => b.name)).toEqual(["Gamma", "Beta"]);
    await expect(storage.save(basket("Delta"), "Missing")).rejects.toThrow(/no basket named Missing/);
  });

  it("reports a write the browser refuses and changes nothing", async () => {
    const memory = new MemoryStorage();
    const storage = new LocalBasketStorage(memory);
    await storage.save(basket("Alpha"));
    const before = memory.getItem(PREVIEW_BASKETS_KEY);
    memory.setItem = () => {
      throw new Error("QuotaExceededError");
    };
    await expect(storage.save(basket("Beta"))).rejects.toThrow(/refused to store it \(QuotaExceededError\)/);
    expect(memory.getItem(PREVIEW_BASKETS_KEY)).toBe(before);
  });

  it("verifies every write: a write that did not stick is undone and reported", async () => {
    const memory = new MemoryStorage();
    const storage = new LocalBasketStorage(memory);
    await storage.save(basket("Alpha"));
    const before = memory.getItem(PREVIEW_BASKETS_KEY);
    const realSet = memory.setItem.bind(memory);
    // A browser that mangles one write (e.g. another tab writing at the same moment).
    let mangle = true;
    memory.setItem = (key, value) => {
      realSet(key, mangle ? value.slice(0, 5) : value);
      mangle = false;
    };
    await expect(storage.save(basket("Beta"))).rejects.toThrow(/did not keep the change; your baskets are as they were/);
    expect(memory.getItem(PREVIEW_BASKETS_KEY)).toBe(before);
  });

  it("never overwrites unreadable stored data", async () => {
    const memory = new MemoryStorage();
    memory.setItem(PREVIEW_BASKETS_KEY, "{not json");
    const storage = new LocalBasketStorage(memory);
    await expect(storage.list()).rejects.toThrow(/unreadable; nothing was changed/);
    await expect(storage.save(basket("Alpha"))).rejects.toThrow(BasketStorageError);
    expect(memory.getItem(PREVIEW_BASKETS_KEY)).toBe("{not json");
  });

  it("says when the browser has no storage at all", async () => {
    await expect(new LocalBasketStorage(null).list()).rejects.toThrow(/storage is disabled/);
  });

  it("refuses to delete a basket that is not there", async () => {
    await expect(new LocalBasketStorage(new MemoryStorage()).remove("Ghost")).rejects.toThrow(/no basket named Ghost/);
  });
});
