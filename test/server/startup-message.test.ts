import fs from "node:fs";
import path from "node:path";
import { readManifestOrigin, startupMessage, StartupInfo } from "../../server/startup-message";
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
