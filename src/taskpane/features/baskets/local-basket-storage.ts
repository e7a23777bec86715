import { Basket, BasketStorage, BasketStorageError } from "../../../baskets";

/** The parts of the Web Storage API the preview uses (localStorage, or a stand-in in tests). */
export interface KeyValueStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

export const PREVIEW_BASKETS_KEY = "rotation-desk.preview.baskets";

interface StoredBasket {
  readonly name: string;
  readonly label: string;
  readonly tickers: readonly string[];
}

/** Excel names are case-insensitive, so basket names are too. */
const sameName = (a: string, b: string): boolean => a.toUpperCase() === b.toUpperCase();

function isStoredBasket(value: unknown): value is StoredBasket {
  if (typeof value !== "object" || value === null) return false;
  const record = value as Record<string, unknown>;
  return (
    typeof record.name === "string" &&
    typeof record.label === "string" &&
    Array.isArray(record.tickers) &&
    record.tickers.every((ticker) => typeof ticker === "string")
  );
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * The preview's baskets, in browser storage. Every change writes the whole list, reads it back
 * and compares; if the browser kept something else, the previous list is put back and the
 * change reported as failed, so no action loses a basket.
 */
export class LocalBasketStorage implements BasketStorage {
  constructor(
    private readonly storage: KeyValueStorage | null,
    private readonly key: string = PREVIEW_BASKETS_KEY,
  ) {}

  async list(): Promise<Basket[]> {
    return this.read().map((stored) => ({ name: stored.name, label: stored.label, tickers: [...stored.tickers], preset: false }));
  }

  async save(basket: Basket, previousName?: string): Promise<void> {
    if (basket.name.trim() === "") throw new BasketStorageError("A basket needs a name");
    const current = this.read();
    const target = previousName ?? basket.name;
    const index = current.findIndex((stored) => sameName(stored.name, target));
    if (previousName !== undefined && index < 0) {
      throw new BasketStorageError(`There is no basket named ${previousName} to rename; it may have been deleted elsewhere`);
    }
    const clash = current.findIndex((stored, i) => i !== index && sameName(stored.name, basket.name));
    if (clash >= 0) throw new BasketStorageError(`A basket named ${current[clash].name} already exists`);

    const entry: StoredBasket = { name: basket.name, label: basket.label, tickers: [...basket.tickers] };
    const next = index < 0 ? [...current, entry] : current.map((stored, i) => (i === index ? entry : stored));
    this.write(next, `save basket ${basket.name}`);
  }

  async remove(name: string): Promise<void> {
    const current = this.read();
    const next = current.filter((stored) => !sameName(stored.name, name));
    if (next.length === current.length) throw new BasketStorageError(`There is no basket named ${name}`);
    this.write(next, `delete basket ${name}`);
  }

  private requireStorage(): KeyValueStorage {
    if (this.storage === null) {
      throw new BasketStorageError("This browser does not let the preview keep baskets (storage is disabled)");
    }
    return this.storage;
  }

  private read(): StoredBasket[] {
    const storage = this.requireStorage();
    let text: string | null;
    try {
      text = storage.getItem(this.key);
    } catch (error) {
      throw new BasketStorageError(`Could not read the saved baskets: ${describe(error)}`);
    }
    if (text === null) return [];
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = undefined;
    }
    // Unreadable data is reported, never overwritten: it may still be recoverable by hand.
    if (!Array.isArray(parsed) || !parsed.every(isStoredBasket)) {
      throw new BasketStorageError(`The saved baskets in browser storage (${this.key}) are unreadable; nothing was changed`);
    }
    return parsed;
  }

  private write(next: readonly StoredBasket[], action: string): void {
    const storage = this.requireStorage();
    const before = storage.getItem(this.key);
    const text = JSON.stringify(next);
    try {
      storage.setItem(this.key, text);
    } catch (error) {
      throw new BasketStorageError(`Could not ${action}: the browser refused to store it (${describe(error)})`);
    }
    if (storage.getItem(this.key) === text) return;
    try {
      if (before === null) storage.removeItem(this.key);
      else storage.setItem(this.key, before);
    } catch {
      // The check below reports the failure either way.
    }
    throw new BasketStorageError(`Could not ${action}: the browser did not keep the change; your baskets are as they were`);
  }
}
