import { percentTick, samplePoints } from "../../../../src/taskpane/features/rotation-view/rotation-view-preview";

describe("chart sampling", () => {
  it("keeps short series whole", () => {
    expect(samplePoints([1, 2, 3], 60)).toEqual([1, 2, 3]);
  });

  it("takes every n-th session and always the last one", () => {
    const days = Array.from({ length: 250 }, (_, i) => i);
    const sampled = samplePoints(days, 60);
    expect(sampled.length).toBeLessThanOrEqual(61);
    expect(sampled[0]).toBe(0);
    expect(sampled[sampled.length - 1]).toBe(249);
  });
});

describe("gridline labels", () => {
  it("show as many decimals as the step needs", () => {
    expect(percentTick(1.5, 0.5)).toBe("150%");
    expect(percentTick(-0.05, 0.05)).toBe("-5%");
    expect(percentTick(0.025, 0.005)).toBe("2.5%");
    expect(percentTick(0.0002, 0.0001)).toBe("0.02%");
  });
});
