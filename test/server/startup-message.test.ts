import fs from "node:fs";
import path from "node:path";
import { readManifestOrigin, startupMessage, StartupInfo, upstreamLine } from "../../server/startup-message";
import type { ProbeTarget } from "../../server/upstream-probe";
import { removeTempDirs, REPO_ROOT, tempDir } from "./helpers";

afterAll(removeTempDirs);

const base: StartupInfo = {
  url: "https://localhost:3000/",
  manifestPath: "/repo/dist/manifest.xml",
  manifestOrigin: "https://localhost:3000",
  certificate: {
    path: "/repo/.certs/cert.pem",
    selfSigned: true,
    generated: true,
    validTo: new Date("2027-01-01T00:00:00Z"),
    fingerprint: "AA:BB",
  },
};

describe("the start-up message", () => {
  const text = startupMessage(base);

  it("gives the server's address and the preview", () => {
    expect(text).toContain("https://localhost:3000/");
    expect(text).toContain("https://localhost:3000/taskpane.html");
  });

  it("explains sideloading in Excel on the web, Windows and Mac", () => {
    expect(text).toContain("/repo/dist/manifest.xml");
    expect(text).toMatch(/Upload My Add-in/);
    expect(text).toMatch(/office-addin-dev-settings sideload/);
    expect(text).toMatch(/Trusted Add-in Catalogs/);
    expect(text).toContain("~/Library/Containers/com.microsoft.Excel/Data/Documents/wef");
  });

  it("says the self-signed certificate must be trusted, and where it is", () => {
    expect(text).toMatch(/must trust it/);
    expect(text).toContain("/repo/.certs/cert.pem");
    expect(text).toContain("2027-01-01");
  });

  it("warns that Excel needs HTTPS when serving plain HTTP", () => {
    const plain = startupMessage({ ...base, url: "http://localhost:3000/", manifestOrigin: "http://localhost:3000", certificate: null });
    expect(plain).toMatch(/only over HTTPS/);
    expect(plain).not.toMatch(/must trust/);
  });

  it("says to build when there is no manifest", () => {
    expect(startupMessage({ ...base, manifestOrigin: null })).toMatch(/npm run build/);
  });

  it("notes a manifest built for another origin", () => {
    expect(startupMessage({ ...base, manifestOrigin: "https://desk.example.com" })).toMatch(/points at https:\/\/desk\.example\.com/);
    expect(text).not.toMatch(/points at/);
  });
});

describe("the start-up message's line about Yahoo", () => {
  const target: ProbeTarget = { label: "Yahoo Finance", urlEnvName: "MKT_YAHOO_URL", configuredUrl: null, timeoutMs: 3000 };
  const status = { provider: "yahoo" as const, checkedAt: 1 };

  it("says whether Yahoo is reachable, and what to do when it is not", () => {
    expect(upstreamLine({ status: { ...status, reachable: true, message: "answered in 90 ms" }, answered: true }, target)).toBe(
      "Yahoo Finance: reachable",
    );
    expect(upstreamLine({ status: { ...status, reachable: false, message: "host name not found" }, answered: false }, target)).toBe(
      "Yahoo Finance: not reachable from this machine (host name not found) — the preview offers demo data; or set MKT_YAHOO_URL",
    );
  });

  it("says it is checking while the probe runs", () => {
    const unchecked = { status: { provider: "yahoo" as const, reachable: null, message: null, checkedAt: null }, answered: null };
    expect(upstreamLine(unchecked, target)).toBe("Yahoo Finance: checking whether this machine reaches it (up to 3 s)...");
  });

  it("is in the banner when the server probed, and absent when not", () => {
    const outcome = { status: { ...status, reachable: true, message: "answered in 90 ms" }, answered: true };
    expect(startupMessage({ ...base, upstream: { outcome, target } })).toContain("\nYahoo Finance: reachable\n");
    expect(startupMessage(base)).not.toContain("Yahoo Finance");
  });
});

describe("readManifestOrigin", () => {
  it("reads the origin of the task pane URL from a manifest", () => {
    expect(readManifestOrigin(path.join(REPO_ROOT, "manifest.xml"))).toBe("https://localhost:3000");
  });

  it("is null when there is no manifest", () => {
    expect(readManifestOrigin(path.join(tempDir("none"), "manifest.xml"))).toBeNull();
  });

  it("reads a manifest rewritten for another origin", () => {
    const dir = tempDir("manifest");
    const file = path.join(dir, "manifest.xml");
    fs.writeFileSync(
      file,
      fs.readFileSync(path.join(REPO_ROOT, "manifest.xml"), "utf8").split("https://localhost:3000").join("https://desk.example.com"),
    );
    expect(readManifestOrigin(file)).toBe("https://desk.example.com");
  });
});
