import { MarketDataError } from "../../src/market";

/** The MarketDataError `promise` rejects with; fails the test when it resolves or rejects with anything else. */
export async function rejection(promise: Promise<unknown>): Promise<MarketDataError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof MarketDataError) return error;
    throw new Error(`expected a MarketDataError, got ${String(error)}`, { cause: error });
  }
  throw new Error("expected a rejection");
}

/** The MarketDataError `run` throws; fails the test when it returns or throws anything else. */
export function thrownBy(run: () => unknown): MarketDataError {
  try {
    run();
  } catch (error) {
    if (error instanceof MarketDataError) return error;
    throw new Error(`expected a MarketDataError, got ${String(error)}`, { cause: error });
  }
  throw new Error("expected a MarketDataError to be thrown");
}
