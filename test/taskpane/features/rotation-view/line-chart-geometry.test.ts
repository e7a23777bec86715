import { chartGeometry, niceTicks } from "../../../../src/taskpane/features/rotation-view/line-chart-geometry";

const box = { width: 110, height: 60, left: 10, right: 0, top: 10, bottom: 0 };

describe("the preview's line chart geometry", () => {
  it("spreads points over the width and maps values to the height, zero included", () => {
    const geometry = chartGeometry([{ label: "A", values: [0, 0.5, 1] }], box);
    expect(geometry.paths).toEqual(["M10.0 60.0 L60.0 35.0 L110.0 10.0"]);
    expect(geometry.zeroY).toBe(60);
  });

  it("leaves a gap where a value is missing", () => {
    const geometry = chartGeometry([{ label: "A", values: [1, null, 1, 2] }], box);
    expect(geometry.paths[0].match(/M/g)).toHaveLength(2);
  });

  it("puts negative values below the zero line", () => {
    const geometry = chartGeometry([{ label: "A", values: [-1, 1] }], box);
    expect(geometry.zeroY).toBe(35);
  });

  it("chooses round tick steps", () => {
    expect(niceTicks(0, 1)).toEqual([0, 0.2, 0.4, 0.6, 0.8, 1]);
    expect(niceTicks(-0.12, 0.3)).toEqual([-0.1, 0, 0.1, 0.2, 0.3]);
    expect(niceTicks(2, 2)).toEqual([2]);
  });
});
