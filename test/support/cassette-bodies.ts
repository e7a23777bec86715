import fs from "node:fs";
import path from "node:path";
import type { Recording } from "./recordings";
import { PROVIDER_FIXTURES_DIR } from "./fixture-paths";

/**
 * A one-interaction vcrpy cassette (`x.yaml`) whose gzip body was decoded beside it as `x.body.json`.
 * There is no YAML parser in the project, so the few fields needed are read from the text; the
 * layout is vcrpy's fixed one, and a cassette that does not match fails loudly rather than guessing.
 */
export function loadCassette(relativeYamlPath: string): Recording {
  const yamlPath = path.join(PROVIDER_FIXTURES_DIR, relativeYamlPath);
  const yaml = fs.readFileSync(yamlPath, "utf8");
  const body = fs.readFileSync(yamlPath.replace(/\.yaml$/, ".body.json"), "utf8");
  const uri = /^\s+uri:\s*(\S+)\s*$/m.exec(yaml)?.[1];
  const status = /^\s+status:\s*\n\s+code:\s*(\d+)\s*$/m.exec(yaml)?.[1];
  const contentType = /^\s+Content-Type:\s*\n\s+-\s*(.+?)\s*$/m.exec(yaml)?.[1];
  if (uri === undefined || status === undefined) {
    throw new Error(`${relativeYamlPath} is not a one-interaction cassette with request uri and response status code`);
  }
  if ((yaml.match(/^- request:/gm) ?? []).length !== 1) throw new Error(`${relativeYamlPath} has more than one interaction`);
  const headers: Record<string, string> = contentType === undefined ? {} : { "content-type": contentType };
  return { requestUrl: uri, status: Number(status), headers, body };
}
