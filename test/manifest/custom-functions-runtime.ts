import fs from "node:fs";
import path from "node:path";

/**
 * The CustomFunctionsRuntime requirement set the functions need, worked out from what they use.
 *
 * Microsoft's history of the set ("Custom Functions requirement sets",
 * https://learn.microsoft.com/javascript/api/requirement-sets/excel/custom-functions-requirement-sets):
 *   1.2 adds the CustomFunctions.Error object;
 *   1.3 adds new ErrorCode options to CustomFunctions.Error (@types/custom-functions-runtime tags
 *       ErrorCode.invalidValue and ErrorCode.notAvailable, the two codes we throw, 1.3);
 *   1.4 adds custom functions integration with data types and the allowCustomDataForDataTypeAny
 *       metadata property ("Use data types with custom functions in Excel",
 *       https://learn.microsoft.com/office/dev/add-ins/excel/custom-functions-data-types-concepts):
 *       with it, an `any` parameter receives a data type, e.g. a Stocks entity, as an object.
 * Clients: 1.4 is in Excel on the web, Microsoft 365 on Windows (2208+) and Mac (16.64+); not in
 * retail or volume-licensed perpetual Office on Windows, which stop at 1.3. Those clients cannot
 * give a function a Stocks entity anyway (linked data types are a Microsoft 365 feature).
 */
export interface RuntimeNeed {
  version: string;
  why: string;
}

export interface FunctionsMetadata {
  allowCustomDataForDataTypeAny?: boolean;
  functions: { id: string; parameters?: { name: string; type?: string }[] }[];
}

/** "1.10" > "1.4": compares dotted versions numerically. */
export function compareVersions(a: string, b: string): number {
  const pa = a.split(".").map(Number);
  const pb = b.split(".").map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

export interface FunctionsCode {
  /** Every TypeScript file of src/functions. */
  sources: string[];
  /** src/functions/functions.ts: the JSDoc stubs Excel's metadata is generated from. */
  registered: string;
  /** dist/functions.json, when the add-in is built. */
  metadata: FunctionsMetadata | null;
}

/** Every need the code shows, lowest first. */
export function customFunctionsRuntimeNeeds({ sources, registered, metadata }: FunctionsCode): RuntimeNeed[] {
  const code = sources.join("\n");
  const needs: RuntimeNeed[] = [{ version: "1.1", why: "custom functions" }];
  if (/\bCustomFunctions\.Error\b/.test(code)) needs.push({ version: "1.2", why: "throws CustomFunctions.Error" });
  if (/\bCustomFunctions\.ErrorCode\.\w+/.test(code)) needs.push({ version: "1.3", why: "uses CustomFunctions.ErrorCode values" });
  const anyParameters = metadata
    ? metadata.functions.flatMap((f) => (f.parameters ?? []).filter((p) => p.type === "any").map((p) => `${f.id}(${p.name})`))
    : // Not built: the metadata generator turns a parameter typed `any` into type "any".
      [...registered.matchAll(/\b(\w+)\??:\s*any\b/g)].map((m) => m[1]);
  const dataTypesOn = metadata ? metadata.allowCustomDataForDataTypeAny === true : true;
  if (dataTypesOn && anyParameters.length > 0) {
    needs.push({
      version: "1.4",
      why: `allowCustomDataForDataTypeAny with ${anyParameters.length} parameters of type any (e.g. ${anyParameters[0]}): they take data types such as Stocks entities`,
    });
  }
  return needs.sort((a, b) => compareVersions(a.version, b.version));
}

export function readFunctionsCode(repoRoot: string): FunctionsCode {
  const sources: string[] = [];
  const walk = (dir: string): void => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (/\.tsx?$/.test(entry.name)) sources.push(fs.readFileSync(full, "utf8"));
    }
  };
  walk(path.join(repoRoot, "src/functions"));
  const built = path.join(repoRoot, "dist/functions.json");
  const metadata = fs.existsSync(built) ? (JSON.parse(fs.readFileSync(built, "utf8")) as FunctionsMetadata) : null;
  const registered = fs.readFileSync(path.join(repoRoot, "src/functions/functions.ts"), "utf8");
  return { sources, registered, metadata };
}

/** The version the manifest must declare: the highest need, and no higher (each step shuts out older clients). */
export function requiredCustomFunctionsRuntime(needs: RuntimeNeed[]): string {
  return needs.reduce((max, n) => (compareVersions(n.version, max) > 0 ? n.version : max), "1.1");
}
