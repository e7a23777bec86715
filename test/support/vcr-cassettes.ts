import fs from "node:fs";
import path from "node:path";
import type { Recording } from "./recordings";
import { PROVIDER_FIXTURES_DIR } from "./fixture-paths";

/**
 * Interaction `index` of a VCR.py cassette (`x.yaml`), with its response body read from the file
 * decoded beside it: `x.body.json|csv` for a one-interaction cassette, `x.body.<index>.json|csv` otherwise.
 * There is no YAML parser in the project, so the request uri, response status and content type are
 * read from the text; both layouts VCR.py writes are understood, block
 * (`status:\n  code: 200`) and flow (`status: {code: 200, …}`, `Content-Type: [application/json]`).
 * A cassette that matches neither fails loudly rather than being guessed at.
 */
export function loadVcrInteraction(relativeYamlPath: string, index = 0): Recording {
  const yamlPath = path.join(PROVIDER_FIXTURES_DIR, relativeYamlPath);
  const interactions = fs
    .readFileSync(yamlPath, "utf8")
    .split(/^- request:/m)
    .slice(1);
  const text = interactions[index];
  if (text === undefined) throw new Error(`${relativeYamlPath} has no interaction ${index}`);
  const [requestPart, responsePart = ""] = text.split(/^\s+response:/m);
  const uri = /^\s+uri:\s*(\S+)\s*$/m.exec(requestPart)?.[1];
  const status = /^\s+status:\s*(?:\{\s*code:\s*(\d+)|\n\s+code:\s*(\d+))/m.exec(responsePart);
  // The request has a Content-Type header of its own; only the response's describes the body.
  const contentType = /^\s+Content-Type:\s*(?:\[([^\]\n]+)\]|\n\s+-\s*(.+?)\s*$)/im.exec(responsePart);
  if (uri === undefined || status === null) {
    throw new Error(`${relativeYamlPath} interaction ${index} has no request uri or response status code`);
  }
  const headers: Record<string, string> = {};
  const type = contentType?.[1] ?? contentType?.[2];
  if (type !== undefined) headers["content-type"] = type.trim();
  return { requestUrl: uri, status: Number(status[1] ?? status[2]), headers, body: readBody(yamlPath, index, interactions.length) };
}

function readBody(yamlPath: string, index: number, count: number): string {
  const stem = yamlPath.replace(/\.yaml$/, "");
  const suffix = count === 1 ? "body" : `body.${index}`;
  const candidates = [`${stem}.${suffix}.json`, `${stem}.${suffix}.csv`];
  const found = candidates.find((candidate) => fs.existsSync(candidate));
  if (found === undefined) throw new Error(`no decoded body beside ${path.basename(yamlPath)}: tried ${candidates.join(", ")}`);
  return fs.readFileSync(found, "utf8");
}
