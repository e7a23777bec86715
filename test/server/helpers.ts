import fs from "node:fs";
import os from "node:os";
import path from "node:path";

export const REPO_ROOT = path.resolve(__dirname, "../..");

const created: string[] = [];

/** A fresh temporary folder, removed by removeTempDirs(). */
export function tempDir(prefix: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `rotation-desk-${prefix}-`));
  created.push(dir);
  return dir;
}

/** Call from afterAll in every suite that uses tempDir or makeStaticDir. */
export function removeTempDirs(): void {
  for (const dir of created.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
}

/** A stand-in for the built dist/: the add-in's files, plus the compiled server that must stay private. */
export function makeStaticDir(): string {
  const dir = tempDir("dist");
  fs.writeFileSync(path.join(dir, "taskpane.html"), "<!doctype html><title>Rotation Desk</title>");
  fs.writeFileSync(path.join(dir, "functions.json"), JSON.stringify({ functions: [] }));
  fs.writeFileSync(path.join(dir, "functions.js"), "/* functions */");
  fs.copyFileSync(path.join(REPO_ROOT, "manifest.xml"), path.join(dir, "manifest.xml"));
  fs.mkdirSync(path.join(dir, "assets"));
  fs.copyFileSync(path.join(REPO_ROOT, "assets/icon-16.png"), path.join(dir, "assets/icon-16.png"));
  fs.mkdirSync(path.join(dir, "node/server"), { recursive: true });
  fs.writeFileSync(path.join(dir, "node/server/main.js"), "/* server internals */");
  fs.writeFileSync(path.join(dir, ".env"), "SECRET=1");
  return dir;
}
