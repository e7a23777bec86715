import { Basket, cellReferenceReading, parseTickerList, PRESET_BASKETS, validateBasketName } from "../src/baskets";

/** A basket defined on the command line with `--basket NAME=T1,T2`. */
export interface DefinedBasket {
  readonly name: string;
  readonly tickers: readonly string[];
}

/**
 * The names a formula may use for baskets, as Excel resolves workbook names (ignoring case): the
 * presets the add-in ships (`Mag_7`, `SP_500`…) and those given with --basket, which take precedence.
 */
export class BasketNames {
  private readonly byName = new Map<string, { readonly name: string; readonly tickers: readonly string[] }>();
  /** Baskets whose quoted name has been read as the basket already (the notice is said once). */
  private readonly announced = new Set<string>();

  constructor(defined: readonly DefinedBasket[] = [], presets: readonly Basket[] = PRESET_BASKETS) {
    for (const basket of [...presets, ...defined]) this.byName.set(basket.name.toLowerCase(), basket);
  }

  /** The members of the basket called `name` (any case), or null. */
  tickers(name: string): readonly string[] | null {
    return this.byName.get(name.toLowerCase())?.tickers ?? null;
  }

  /**
   * The basket a quoted text names exactly (same case: "Mag_7", not "mag_7", so a ticker typed in
   * quotes stays a ticker), with the notice to print the first time it is read so; null when none.
   * Excel would read "Mag_7" as a ticker: the notice says how to write it there.
   */
  quotedBasket(text: string): { readonly tickers: readonly string[]; readonly notice: string | null } | null {
    const basket = this.byName.get(text.toLowerCase());
    if (basket === undefined || basket.name !== text) return null;
    const first = !this.announced.has(basket.name);
    this.announced.add(basket.name);
    const count = `${basket.tickers.length} ticker${basket.tickers.length === 1 ? "" : "s"}`;
    return {
      tickers: basket.tickers,
      notice: first ? `"${text}" read as the basket ${basket.name} (${count}); in Excel write the name without quotes` : null,
    };
  }

  /** Why `name` means nothing here, in words for the #NAME? message. */
  unknown(name: string): string {
    const reference = cellReferenceReading(name);
    if (reference !== null) {
      return `${name} is a cell reference (${reference}); the command line has no cells: give the value itself, e.g. "IWM"`;
    }
    return `Unknown name ${name}: quote a ticker ("${name}") or define it with --basket ${name}=A,B`;
  }
}

/**
 * One `--basket NAME=T1,T2` option: the name must be one Excel accepts for a workbook name (the
 * rules baskets follow in the add-in) and not already given; the tickers must parse, without repeats.
 * Returns the basket, or the problem as a sentence for a usage error.
 */
export function parseBasketOption(text: string, earlier: readonly DefinedBasket[]): DefinedBasket | { problem: string } {
  const equals = text.indexOf("=");
  if (equals < 0) return { problem: `--basket ${JSON.stringify(text)}: expected NAME=TICKER,TICKER… (e.g. --basket Chips=NVDA,AMD,AVGO)` };
  const name = text.slice(0, equals).trim();
  const nameProblem = validateBasketName(name);
  if (nameProblem !== null) return { problem: `--basket ${JSON.stringify(name)}: ${nameProblem.message}` };
  const twice = earlier.find((basket) => basket.name.toLowerCase() === name.toLowerCase());
  if (twice !== undefined)
    return { problem: `--basket ${name}: ${twice.name} is already defined by an earlier --basket (names ignore case)` };
  const list = parseTickerList(text.slice(equals + 1));
  if (list.problems.length > 0) {
    return { problem: `--basket ${name}: ${list.problems.map((p) => `${JSON.stringify(p.token)}: ${p.message}`).join("; ")}` };
  }
  if (list.tickers.length === 0) return { problem: `--basket ${name}: no tickers after "=" (e.g. --basket ${name}=NVDA,AMD)` };
  return { name, tickers: list.tickers };
}
