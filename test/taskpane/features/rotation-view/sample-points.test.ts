import { samplePoints } from "../../../../src/taskpane/features/rotation-view/rotation-view-preview";

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
