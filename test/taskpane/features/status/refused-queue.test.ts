import { refusedQueueText, retryOutcomeText } from "../../../../src/taskpane/features/status/refused-queue";
import { NO_REFUSED_CELLS, refusedQueueOf } from "../../../../src/taskpane/common/workbook";

const NOW = Date.UTC(2026, 11, 1, 14, 30, 40);
const LONDON = { locale: "en-GB", timeZone: "Europe/London" };
const queue = (...retryAt: number[]) => refusedQueueOf(retryAt.map((at, i) => ({ retryAt: at, message: `cell ${i}` })));

describe("the status's queue of refused cells", () => {
  it("says nothing when no cell waits", () => {
    expect(refusedQueueText(NO_REFUSED_CELLS, NOW, LONDON)).toBeNull();
  });

  it("counts the cells and says when the first and the last can be recalculated, counting down", () => {
    expect(refusedQueueText(queue(NOW + 3_660_000, NOW + 180_000, NOW + 3_660_000), NOW, LONDON)).toEqual({
      summary: "3 cells refused by the plan's limits",
      when: "the first can be recalculated after 14:34 (in 3 min), all after 15:32 (in 61 min)",
    });
    expect(refusedQueueText(queue(NOW + 24_000), NOW, LONDON)).toEqual({
      summary: "1 cell refused by the plan's limits",
      when: "it can be recalculated after 14:31:04 (in 24 s)",
    });
    expect(refusedQueueText(queue(NOW + 24_000), NOW + 10_000, LONDON)?.when).toBe("it can be recalculated after 14:31:04 (in 14 s)");
    expect(refusedQueueText(queue(NOW + 60_000, NOW + 60_000), NOW, LONDON)?.when).toBe(
      "they can be recalculated after 14:31:40 (in 60 s)",
    );
  });

  it("says when some or all can be recalculated now", () => {
    expect(refusedQueueText(queue(NOW - 1, NOW + 600_000), NOW, LONDON)?.when).toBe(
      "some can be recalculated now, all after 14:41 (in 10 min)",
    );
    expect(refusedQueueText(queue(NOW - 1, NOW), NOW, LONDON)?.when).toBe("they can be recalculated now");
  });

  it("words what Retry now did", () => {
    expect(retryOutcomeText({ formulas: 12, outcome: { cells: 12, errors: 2, pending: 1, messages: [] } })).toBe(
      "Recalculated 12 cells: 9 computed, 2 still show errors, 1 still calculating.",
    );
    expect(retryOutcomeText({ formulas: 1, outcome: { cells: 1, errors: 0, pending: 0, messages: [] } })).toBe(
      "Recalculated 1 cell: 1 computed.",
    );
    expect(retryOutcomeText({ formulas: 0, outcome: { cells: 0, errors: 0, pending: 0, messages: [] } })).toBe(
      "No refused cells were left to recalculate.",
    );
  });
});
