import type { SheetObject } from "../../../../src/taskpane/common/preview/preview-sheet-area";
import { NO_CELLS } from "../../../../src/taskpane/common/workbook";
import type { CellOutcome } from "../../../../src/taskpane/common/workbook";
import {
  PreviewRefusal,
  PreviewRefusals,
  RefusalLog,
  retryRefusedPreviewTables,
} from "../../../../src/taskpane/features/data/data-preview";

/** The add-in's record as the preview reads it: refusals in order. */
function log(): RefusalLog & { refuse(retryAt: number, message?: string): void } {
  const refusals: PreviewRefusal[] = [];
  return {
    refuse: (retryAt, message = `refused until ${retryAt}`) => void refusals.push({ retryAt, message }),
    mark: () => refusals.length,
    since: (mark) => refusals.slice(mark),
  };
}

/** A preview table whose computation refuses `refused` cells of `cells` (as a script says, per computation). */
function table(
  title: string,
  record: ReturnType<typeof log>,
  script: { cells: number; refusedAt: number[]; errors?: number }[],
): SheetObject & { runs: number } {
  const object = {
    tableName: title,
    title,
    address: `Preview sheet 'Sheet1' A1`,
    element: {} as HTMLElement,
    rows: 3,
    frozen: false,
    outcome: NO_CELLS as CellOutcome,
    runs: 0,
    recompute: async (): Promise<CellOutcome> => {
      const step = script[Math.min(object.runs, script.length - 1)];
      object.runs++;
      for (const at of step.refusedAt) record.refuse(at);
      return { cells: step.cells, errors: step.errors ?? step.refusedAt.length, pending: 0, messages: [] };
    },
  };
  return object;
}

async function compute(refusals: PreviewRefusals, object: SheetObject): Promise<void> {
  await refusals.track(
    async () => {
      object.outcome = await object.recompute();
    },
    () => object,
  );
}

describe("the preview's refused cells", () => {
  it("queues the tables whose computation the limits refused, with their cells' earliest and latest times", async () => {
    const record = log();
    const refusals = new PreviewRefusals(record);
    const sectors = table("Sectors", record, [{ cells: 12, refusedAt: [5_000, 3_000, 4_000] }]);
    const other = table("Other", record, [{ cells: 4, refusedAt: [] }]);
    await compute(refusals, sectors);
    await compute(refusals, other);
    expect(refusals.queue()).toEqual({ cells: 3, firstRetryAt: 3_000, lastRetryAt: 5_000, message: "refused until 3000" });
    expect(refusals.objects()).toEqual([sectors]);
  });

  it("Retry now recomputes only those tables; those that compute leave the queue", async () => {
    const record = log();
    const refusals = new PreviewRefusals(record);
    const sectors = table("Sectors", record, [
      { cells: 12, refusedAt: [5_000, 3_000] },
      { cells: 12, refusedAt: [] },
    ]);
    const rotation = table("Rotation", record, [
      { cells: 5, refusedAt: [9_000] },
      { cells: 5, refusedAt: [19_000] },
    ]);
    const fine = table("Fine", record, [{ cells: 4, refusedAt: [] }]);
    for (const object of [sectors, rotation, fine]) await compute(refusals, object);

    const result = await retryRefusedPreviewTables(refusals);
    expect([sectors.runs, rotation.runs, fine.runs]).toEqual([2, 2, 1]);
    expect(result).toEqual({ formulas: 17, outcome: { cells: 17, errors: 1, pending: 0, messages: [] } });
    expect(refusals.queue()).toEqual({ cells: 1, firstRetryAt: 19_000, lastRetryAt: 19_000, message: "refused until 19000" });
  });

  it("counts no more refused cells than cells with errors (a ratio cell evaluates two formulas), and leaves frozen tables out", async () => {
    const record = log();
    const refusals = new PreviewRefusals(record);
    const ratio = table("Ratio", record, [{ cells: 2, refusedAt: [1, 2, 3, 4], errors: 2 }]);
    await compute(refusals, ratio);
    await refusals.track(
      async () => undefined,
      () => null,
    ); // a computation of no table changes nothing
    expect(refusals.queue().cells).toBe(2);
    ratio.frozen = true;
    expect(refusals.queue().cells).toBe(0);
    expect((await retryRefusedPreviewTables(refusals)).formulas).toBe(0);
  });
});
