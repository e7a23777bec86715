import { OfficeLike, paneModeOf, waitForExcel } from "../../../src/taskpane/app/startup";

const office = (ready: Promise<{ host: unknown }>): OfficeLike => ({ onReady: () => ready, HostType: { Excel: "Excel" } });

describe("how the pane starts", () => {
  it("takes its mode from the page's marker; only preview.html is a preview", () => {
    expect(paneModeOf("preview")).toBe("preview");
    expect(paneModeOf("excel")).toBe("excel");
    expect(paneModeOf(undefined)).toBe("excel");
    expect(paneModeOf("")).toBe("excel");
  });

  it("waits for Excel as long as it takes, saying so once after a while, and never gives up into a preview", async () => {
    jest.useFakeTimers();
    try {
      let ready!: (info: { host: unknown }) => void;
      const slow: string[] = [];
      const started = waitForExcel(office(new Promise((resolve) => (ready = resolve))), () => slow.push("slow"), 10_000);
      jest.advanceTimersByTime(60_000);
      expect(slow).toEqual(["slow"]);
      ready({ host: "Excel" });
      await expect(started).resolves.toBe("ready");
    } finally {
      jest.useRealTimers();
    }
  });

  it("says when Office.js is missing or the page is not in Excel", async () => {
    await expect(waitForExcel(undefined, () => undefined)).resolves.toBe("no-office-js");
    await expect(waitForExcel(office(Promise.resolve({ host: null })), () => undefined)).resolves.toBe("not-excel");
  });
});
