import fs from "node:fs";
import path from "node:path";
import { validateXML } from "xmllint-wasm";

/**
 * Validation of a manifest against Microsoft's add-in manifest schemas with libxml2's XML Schema
 * validator (xmllint compiled to WebAssembly): the main schema, with every schema it imports
 * preloaded into the validator's in-memory file system under the names its xs:import lines use.
 * Which parts of the schemas were fixed or reconstructed: test/fixtures/reference/office-manifest-xsd/README.md.
 */
export const XSD_DIR = path.resolve(__dirname, "../fixtures/reference/office-manifest-xsd");
export const MAIN_XSD = "OfficeAppManifestV1_1.xsd";

export interface XsdResult {
  valid: boolean;
  /** libxml2's messages, one per problem, e.g. "Element '{…}Bogus': This element is not expected. …". */
  errors: string[];
}

function schemaFile(name: string): { fileName: string; contents: string } {
  return { fileName: name, contents: fs.readFileSync(path.join(XSD_DIR, name), "utf8") };
}

/** The schemas the main one imports, transitively, by their schemaLocation names. */
export function importedSchemas(main: string = MAIN_XSD): string[] {
  const seen = new Set<string>([main]);
  const queue = [main];
  while (queue.length > 0) {
    const text = fs.readFileSync(path.join(XSD_DIR, queue.shift()!), "utf8");
    for (const match of text.matchAll(/<xs:(?:import|include)\b[^>]*\bschemaLocation="([^"]+)"/g)) {
      if (!seen.has(match[1])) {
        seen.add(match[1]);
        queue.push(match[1]);
      }
    }
  }
  seen.delete(main);
  return [...seen].sort();
}

export async function validateManifestXsd(xml: string, fileName = "manifest.xml"): Promise<XsdResult> {
  const result = await validateXML({
    xml: [{ fileName, contents: xml }],
    schema: [schemaFile(MAIN_XSD)],
    preload: importedSchemas().map(schemaFile),
  });
  return { valid: result.valid, errors: result.errors.map((e) => e.message) };
}
