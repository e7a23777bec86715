import { Basket, BasketStorage, BasketStorageError } from "../../../../baskets";
import { excelErrorMessage, ExcelRunner, runInExcel } from "../../../common/excel/excel-run";
import { findBasket, resolveBaskets } from "./basket-catalog";
import { BASKET_SHEET } from "../../../../workbook";
import { planBasketSave } from "./plan-basket-save";
import { readBasketSheet } from "./read-basket-sheet";
import { queueBasketRemove } from "./write-basket-remove";
import { checkRoom, queueBasketSave } from "./write-basket-save";

function storageError(action: string, error: unknown): BasketStorageError {
  if (error instanceof BasketStorageError) return error;
  return new BasketStorageError(`${action}: ${excelErrorMessage(error)}`);
}

/**
 * Baskets kept in the workbook (see basket-sheet.ts for the layout). Every change reads the
 * workbook, validates, then queues all writes for one sync; changes run one at a time.
 */
export class ExcelBasketStorage implements BasketStorage {
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly run: ExcelRunner = runInExcel) {}

  list(): Promise<Basket[]> {
    return this.serially("Could not read the baskets in this workbook", () =>
      this.run(async (context) => resolveBaskets(await readBasketSheet(context), BASKET_SHEET).map((stored) => stored.basket)),
    );
  }

  save(basket: Basket, previousName?: string): Promise<void> {
    return this.serially(`Could not save basket ${basket.name}`, () =>
      this.run(async (context) => {
        const plan = planBasketSave(await readBasketSheet(context), basket, previousName);
        if (plan.kind === "update" && plan.room !== null) {
          const blocked = await checkRoom(context, plan.room, basket.name);
          if (blocked !== null) throw new BasketStorageError(blocked);
        }
        queueBasketSave(context, plan);
        await context.sync();
      }),
    );
  }

  remove(name: string): Promise<void> {
    return this.serially(`Could not remove basket ${name}`, () =>
      this.run(async (context) => {
        const stored = findBasket(resolveBaskets(await readBasketSheet(context), BASKET_SHEET), name);
        if (stored === undefined) throw new BasketStorageError(`There is no basket ${name} in this workbook.`);
        queueBasketRemove(context, stored);
        await context.sync();
      }),
    );
  }

  private serially<T>(action: string, work: () => Promise<T>): Promise<T> {
    const result = this.queue.then(work).catch((error: unknown) => {
      throw storageError(action, error);
    });
    this.queue = result.catch(() => undefined);
    return result;
  }
}
