import fs from "node:fs";
import path from "node:path";
import { DIST_DIR } from "./support/preview-session";

const read = (name: string): string => fs.readFileSync(path.join(DIST_DIR, name), "utf8");
const scriptSources = (html: string): string[] => [...html.matchAll(/<script[^>]*\ssrc="?([^"\s>]+)"?/g)].map((m) => m[1]);

describe("the built pages and bundles", () => {
  it("taskpane.html loads Office.js from Microsoft's CDN, then functions.js, then taskpane.js", () => {
    expect(scriptSources(read("taskpane.html"))).toEqual([
      "https://appsforoffice.microsoft.com/lib/1/hosted/office.js",
      "functions.js",
      "taskpane.js",
    ]);
  });

  it("preview.html is the same page with the server's offline copy of Office.js", () => {
    expect(scriptSources(read("preview.html"))).toEqual(["/office-js/office.js", "functions.js", "taskpane.js"]);
    const withoutScripts = (html: string) =>
      html
        .replace(/<script[^>]*><\/script>/g, "")
        .replace(/<title>[^<]*<\/title>/, "")
        .replace(/data-pane-mode="?\w+"?/, "");
    expect(withoutScripts(read("preview.html"))).toBe(withoutScripts(read("taskpane.html")));
  });

  it("each page says which it is, so the pane never guesses from a timeout", () => {
    expect(read("taskpane.html")).toMatch(/<html[^>]*\sdata-pane-mode="?excel"?[\s>]/);
    expect(read("preview.html")).toMatch(/<html[^>]*\sdata-pane-mode="?preview"?[\s>]/);
  });

  it("shares one copy of the functions and market modules, and keeps React out of functions.js", () => {
    const functions = read("functions.js");
    const taskpane = read("taskpane.js");
    // A message from the formula catalog and one from the ticker check: only in functions.js.
    for (const text of ["takes at most", "use letters and digits, joined by"]) {
      expect(functions).toContain(text);
      expect(taskpane).not.toContain(text);
    }
    expect(functions).not.toMatch(/react\.(transitional\.)?element/);
    expect(taskpane).toMatch(/react\.(transitional\.)?element/);
    expect(Buffer.byteLength(functions)).toBeLessThan(100 * 1024);
  });
});
