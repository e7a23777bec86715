import {
  clearRefusedCells,
  forgetRefusedCells,
  noteCellComputed,
  noteCellRefused,
  onRefusedCellsChange,
  refusalMark,
  refusalsSince,
  refusedCells,
} from "../../src/addin";

const refusal = (retryAt: number, message = "Tiingo allows 50 requests an hour on the free plan") => ({
  kind: "rate-limited" as const,
  retryAt,
  message,
});

describe("the add-in's record of refused cells", () => {
  beforeEach(() => clearRefusedCells());

  it("keeps each refused cell once, earliest retry first, until it computes", () => {
    noteCellRefused("Sheet1!B2", refusal(3_000));
    noteCellRefused("Sheet1!B3", refusal(1_000));
    noteCellRefused("Sheet1!B2", refusal(2_000)); // refused again: its new time
    expect(refusedCells().map((cell) => [cell.address, cell.retryAt])).toEqual([
      ["Sheet1!B3", 1_000],
      ["Sheet1!B2", 2_000],
    ]);
    noteCellComputed("Sheet1!B3");
    noteCellComputed("Sheet1!Z9"); // never refused: nothing to do
    expect(refusedCells().map((cell) => cell.address)).toEqual(["Sheet1!B2"]);
    forgetRefusedCells(["Sheet1!B2"]);
    expect(refusedCells()).toEqual([]);
  });

  it("tells listeners about changes, and a listener's failure does not reach the cell", () => {
    let changes = 0;
    const stop = onRefusedCellsChange(() => changes++);
    const stopFailing = onRefusedCellsChange(() => {
      throw new Error("the pane is gone");
    });
    noteCellRefused("Sheet1!A1", refusal(1));
    noteCellComputed("Sheet1!A1");
    noteCellComputed("Sheet1!A1");
    stop();
    stopFailing();
    noteCellRefused("Sheet1!A1", refusal(1));
    expect(changes).toBe(2);
  });

  it("keeps cells without an address (the preview's) in order, for the refusals of one computation", () => {
    noteCellRefused(null, refusal(5));
    const mark = refusalMark();
    noteCellRefused(null, refusal(7, "second"));
    noteCellRefused("Sheet1!A1", refusal(9, "third"));
    expect(refusalsSince(mark).map((cell) => [cell.address, cell.message])).toEqual([
      [null, "second"],
      ["Sheet1!A1", "third"],
    ]);
    // Not in the addressed queue: the preview keeps its own, per table.
    expect(refusedCells().map((cell) => cell.address)).toEqual(["Sheet1!A1"]);
  });
});
