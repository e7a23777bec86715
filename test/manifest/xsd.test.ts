import fs from "node:fs";
import path from "node:path";
import { readManifestOrigin } from "../../server/startup-message";
import { customFunctionsRuntimeNeeds, readFunctionsCode, requiredCustomFunctionsRuntime } from "./custom-functions-runtime";
import { checkManifest, MANIFEST_ORIGIN } from "./manifest-rules";
import { importedSchemas, MAIN_XSD, validateManifestXsd, XSD_DIR } from "./office-xsd";

/**
 * manifest.xml (and the built dist/manifest.xml) against Microsoft's manifest schemas, with
 * libxml2's XML Schema validator. The schemas are the 2020 copies in test/fixtures/reference/
 * office-manifest-xsd/ with the local fixes its README lists (Runtimes/Runtime reconstructed from
 * MS-OWEMXML and the manifest reference): a pass means "valid against these", which Office's own
 * validator and Excel can still disagree with.
 */
const ROOT = path.resolve(__dirname, "../..");
const MANIFEST = fs.readFileSync(path.join(ROOT, "manifest.xml"), "utf8");
const DIST_MANIFEST = path.join(ROOT, "dist/manifest.xml");

function broken(from: string | RegExp, to: string): string {
  const out = MANIFEST.replace(from, to);
  if (out === MANIFEST) throw new Error(`mutation ${String(from)} did not change the manifest`);
  return out;
}

describe("the manifest schemas", () => {
  it("are the main schema and the four it imports", () => {
    expect(importedSchemas()).toEqual([
      "ContentAppVersionOverridesV1_0.xsd",
      "MailAppVersionOverridesV1_0.xsd",
      "MailAppVersionOverridesV1_1.xsd",
      "OfficeAppBasicTypesV1_0.xsd",
      "TaskPaneAppVersionOverridesV1_0.xsd",
    ]);
    for (const name of [MAIN_XSD, ...importedSchemas()]) expect(fs.existsSync(path.join(XSD_DIR, name))).toBe(true);
  });
});

describe("manifest.xml against the schemas", () => {
  it("is valid", async () => {
    expect(await validateManifestXsd(MANIFEST)).toEqual({ valid: true, errors: [] });
  });

  it("is valid with the origin the build writes for ADDIN_ORIGIN", async () => {
    const rewritten = MANIFEST.split(MANIFEST_ORIGIN).join("https://desk.example.com:8443");
    expect(await validateManifestXsd(rewritten)).toEqual({ valid: true, errors: [] });
  });

  // The validator must be able to fail, or "valid" above means nothing.
  it.each<[string, string, RegExp]>([
    ["an unknown element", broken("<Permissions>", "<Bogus/>\n  <Permissions>"), /Bogus': This element is not expected/],
    ["a missing required element", broken(/\s*<Permissions>ReadWriteDocument<\/Permissions>/, ""), /Expected is .*Permissions/],
    [
      "elements out of order",
      broken(/(<DefaultSettings>[\s\S]*?<\/DefaultSettings>)(\s*)(<Permissions>ReadWriteDocument<\/Permissions>)/, "$3$2$1"),
      /not expected/,
    ],
    [
      "a value outside an enumeration",
      broken("<Permissions>ReadWriteDocument</Permissions>", "<Permissions>Everything</Permissions>"),
      /Everything/,
    ],
    ["a Runtime lifetime that is not short or long", broken('lifetime="long"', 'lifetime="forever"'), /lifetime/],
    ["a version that is not a version", broken("<Version>0.1.0.0</Version>", "<Version>0.1.0-beta</Version>"), /Version/],
  ])("rejects %s", async (_label, xml, message) => {
    const result = await validateManifestXsd(xml);
    expect(result.valid).toBe(false);
    expect(result.errors.join("\n")).toMatch(message);
  });
});

const built = fs.existsSync(DIST_MANIFEST);
(built ? describe : describe.skip)("the built dist/manifest.xml", () => {
  const xml = built ? fs.readFileSync(DIST_MANIFEST, "utf8") : "";
  const origin = built ? readManifestOrigin(DIST_MANIFEST) : null;

  it("is manifest.xml with only its origin rewritten", () => {
    expect(origin).toMatch(/^https:\/\//);
    expect(xml).toBe(MANIFEST.split(MANIFEST_ORIGIN).join(origin!));
  });

  it("is valid against the schemas", async () => {
    expect(await validateManifestXsd(xml, "dist-manifest.xml")).toEqual({ valid: true, errors: [] });
  });

  it("passes every manifest rule for its origin, with the built assets", () => {
    const assetsDir = path.join(ROOT, "dist/assets");
    const customFunctionsRuntime = requiredCustomFunctionsRuntime(customFunctionsRuntimeNeeds(readFunctionsCode(ROOT)));
    const problems = checkManifest(xml, { assetsDir, origin: origin!, customFunctionsRuntime }).flatMap((r) => r.problems);
    expect(problems).toEqual([]);
  });
});
