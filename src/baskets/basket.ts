/**
 * A basket: named tickers. Saved in the workbook as a workbook name over its ticker column,
 * so `=MKT.TOTAL_RETURN(Mag_7, "YTD")` works and recipients can read the members
 * ("Mag7" itself is the cell MAG7, so it cannot be a name).
 */
export interface Basket {
  /** The workbook name, used in formulas: "Mag_7". Excel name rules apply (see basket-name.ts). */
  readonly name: string;
  /** For people: "Magnificent Seven". */
  readonly label: string;
  /** Normalized, unique, in the analyst's order. */
  readonly tickers: readonly string[];
  /** Presets ship with the add-in and are not saved unless the analyst copies one. */
  readonly preset: boolean;
}

/**
 * Where the analyst's baskets live: the workbook in Excel, browser storage in the preview.
 * Every method rejects with a BasketStorageError (message for the pane) and never leaves a
 * basket half-written: a failed rename keeps the old basket.
 */
export interface BasketStorage {
  list(): Promise<Basket[]>;
  /** Creates, updates or (with previousName) renames a basket. */
  save(basket: Basket, previousName?: string): Promise<void>;
  remove(name: string): Promise<void>;
}

export class BasketStorageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "BasketStorageError";
  }
}
