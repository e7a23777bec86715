import fs from "node:fs";
import path from "node:path";
import { customFunctionsRuntimeNeeds, readFunctionsCode, requiredCustomFunctionsRuntime } from "./custom-functions-runtime";
import { checkManifest, MANIFEST_ORIGIN, parseManifest, pngSize, problemsOf, RULES } from "./manifest-rules";

const ROOT = path.resolve(__dirname, "../..");
const MANIFEST = fs.readFileSync(path.join(ROOT, "manifest.xml"), "utf8");
const ASSETS_DIR = path.join(ROOT, "assets");
/** What the functions use decides the CustomFunctionsRuntime version (see custom-functions-runtime.ts). */
const CF_RUNTIME = requiredCustomFunctionsRuntime(customFunctionsRuntimeNeeds(readFunctionsCode(ROOT)));

const check = (xml: string) => checkManifest(xml, { assetsDir: ASSETS_DIR, customFunctionsRuntime: CF_RUNTIME });

describe("manifest.xml", () => {
  it("is well-formed XML with OfficeApp as its document element", () => {
    expect(() => parseManifest(MANIFEST)).not.toThrow();
  });

  const results = check(MANIFEST);
  it.each(RULES.map((r) => r.name))("%s", (name) => {
    expect(problemsOf(results, name)).toEqual([]);
  });

  it("keeps the origin the build rewrites as its only origin", () => {
    expect(MANIFEST).toContain(MANIFEST_ORIGIN);
    const hosts = new Set(MANIFEST.replace(/\sxmlns(?::[\w.-]+)?="[^"]*"/g, "").match(/https?:\/\/[^/"\s<]+/g) ?? []);
    expect([...hosts]).toEqual([MANIFEST_ORIGIN]);
  });

  it("still passes every rule after the build rewrites the origin (ADDIN_ORIGIN)", () => {
    const origin = "https://desk.example.com:8443";
    const rewritten = MANIFEST.split(MANIFEST_ORIGIN).join(origin);
    const problems = checkManifest(rewritten, { assetsDir: ASSETS_DIR, origin, customFunctionsRuntime: CF_RUNTIME }).flatMap(
      (r) => r.problems,
    );
    expect(problems).toEqual([]);
  });
});

describe("the assets", () => {
  it.each([16, 32, 64, 80, 128])("icon-%i.png is a PNG of that size", (size) => {
    expect(pngSize(fs.readFileSync(path.join(ASSETS_DIR, `icon-${size}.png`)))).toEqual({ width: size, height: size });
  });
});

/** A broken copy of the manifest; fails loudly if the edit did not apply. */
function broken(from: string | RegExp, to: string): string {
  const out = MANIFEST.replace(from, to);
  if (out === MANIFEST) throw new Error(`mutation ${String(from)} did not change the manifest`);
  return out;
}

const RUNTIME_RULE = "runs functions, ribbon and task pane in one long-lived shared runtime";
const RESID_RULE = "defines every resid it uses exactly once, in the right resource group";
const URL_RULE = "uses only https URLs on the one origin";
const ICON_RULE = "points its icon URLs at PNG files in assets/ of the declared pixel size";
const BUTTON_RULE = "has a Home-tab button in its own group that shows the shared task pane";
const REQUIREMENTS_RULE = "requires SharedRuntime 1.1 and the CustomFunctionsRuntime version the functions use";
const TASKPANE_RULE = "opens one task pane, named by the same TaskpaneId on every ShowTaskpane action, in the shared runtime";

describe("the checks reject a broken manifest", () => {
  const cases: [string, string, string][] = [
    [
      "mismatched runtime resid",
      broken('<Runtime resid="Taskpane.Url" lifetime="long"/>', '<Runtime resid="Functions.Page.Url" lifetime="long"/>').replace(
        "</bt:Urls>",
        '<bt:Url id="Functions.Page.Url" DefaultValue="https://localhost:3000/functions.html"/></bt:Urls>',
      ),
      RUNTIME_RULE,
    ],
    ["short-lived runtime", broken('lifetime="long"', 'lifetime="short"'), RUNTIME_RULE],
    [
      "custom functions page on its own resid",
      broken(
        '<Page>\n              <SourceLocation resid="Taskpane.Url"/>',
        '<Page>\n              <SourceLocation resid="GetStarted.LearnMoreUrl"/>',
      ),
      RUNTIME_RULE,
    ],
    [
      "FunctionFile on another resid",
      broken('<FunctionFile resid="Taskpane.Url"/>', '<FunctionFile resid="Functions.Script.Url"/>'),
      RUNTIME_RULE,
    ],
    ["not well-formed", broken("</Permissions>", "</Permission>"), "has a GUID Id"],
    ["Id that is not a GUID", broken(/<Id>[^<]*<\/Id>/, "<Id>rotation-desk</Id>"), "has a GUID Id"],
    ["Document host", broken('<Host Name="Workbook"/>', '<Host Name="Document"/>'), "targets the Workbook host only"],
    ["missing SharedRuntime set", broken(/\s*<Set Name="SharedRuntime" MinVersion="1.1"\/>/, ""), REQUIREMENTS_RULE],
    [
      "CustomFunctionsRuntime below what the functions use",
      broken(`<Set Name="CustomFunctionsRuntime" MinVersion="${CF_RUNTIME}"/>`, '<Set Name="CustomFunctionsRuntime" MinVersion="1.1"/>'),
      REQUIREMENTS_RULE,
    ],
    [
      "CustomFunctionsRuntime above what the functions use (shuts out clients for nothing)",
      broken(`<Set Name="CustomFunctionsRuntime" MinVersion="${CF_RUNTIME}"/>`, '<Set Name="CustomFunctionsRuntime" MinVersion="1.9"/>'),
      REQUIREMENTS_RULE,
    ],
    ["ShowTaskpane without a TaskpaneId", broken(/\s*<TaskpaneId>[^<]*<\/TaskpaneId>/, ""), TASKPANE_RULE],
    [
      "namespace other than MKT",
      broken('id="Functions.Namespace" DefaultValue="MKT"', 'id="Functions.Namespace" DefaultValue="MARKET"'),
      "declares the custom functions script, metadata and the MKT namespace",
    ],
    ["button that runs a function", broken('<Action xsi:type="ShowTaskpane">', '<Action xsi:type="ExecuteFunction">'), BUTTON_RULE],
    ["button on a custom tab", broken('<OfficeTab id="TabHome">', '<OfficeTab id="TabData">'), BUTTON_RULE],
    ["undefined resid", broken('<Label resid="Group.Label"/>', '<Label resid="Group.Caption"/>'), RESID_RULE],
    [
      "resource defined twice",
      broken("</bt:ShortStrings>", '<bt:String id="Group.Label" DefaultValue="Again"/></bt:ShortStrings>'),
      RESID_RULE,
    ],
    ["plain http URL", broken("https://localhost:3000/functions.js", "http://localhost:3000/functions.js"), URL_RULE],
    ["URL on another origin", broken("https://localhost:3000/functions.json", "https://cdn.example.com/functions.json"), URL_RULE],
    ["icon of the wrong size", broken("https://localhost:3000/assets/icon-80.png", "https://localhost:3000/assets/icon-64.png"), ICON_RULE],
    [
      "icon file that does not exist",
      broken("https://localhost:3000/assets/icon-16.png", "https://localhost:3000/assets/icon-17.png"),
      ICON_RULE,
    ],
    [
      "read-only permission",
      broken("<Permissions>ReadWriteDocument</Permissions>", "<Permissions>ReadDocument</Permissions>"),
      "asks for ReadWriteDocument permission",
    ],
    [
      "an AppDomain",
      broken(
        "<Hosts>\n    <Host Name",
        "<AppDomains><AppDomain>https://localhost:3000</AppDomain></AppDomains>\n  <Hosts>\n    <Host Name",
      ),
      "lists no AppDomains (the add-in calls only its own origin)",
    ],
    [
      "elements out of schema order",
      broken(/(<DefaultSettings>[\s\S]*?<\/DefaultSettings>)(\s*)(<Permissions>ReadWriteDocument<\/Permissions>)/, "$3$2$1"),
      "is a task pane add-in manifest with its elements in schema order",
    ],
  ];

  it.each(cases)("%s", (_label, xml, rule) => {
    expect(problemsOf(check(xml), rule).length).toBeGreaterThan(0);
  });

  it("reports a parse error for every rule when the XML is not well-formed", () => {
    const results = check(broken("</OfficeApp>", ""));
    for (const r of results) expect(r.problems.join(" ")).toMatch(/not well-formed/);
  });
});

describe("the CustomFunctionsRuntime requirement", () => {
  const code = readFunctionsCode(ROOT);

  // CustomFunctions.ErrorCode needs 1.3; functions.json's allowCustomDataForDataTypeAny (which
  // custom-functions-metadata always writes) with parameters of type any needs 1.4, and those are
  // how a cell holding a Stocks data type reaches a function as an entity. The manifest declares
  // exactly the highest: a higher set would only shut out clients.
  it("is 1.4, for data types on parameters of type any", () => {
    const needs = customFunctionsRuntimeNeeds(code);
    expect(needs.map((n) => n.version)).toEqual(expect.arrayContaining(["1.3", "1.4"]));
    expect(CF_RUNTIME).toBe("1.4");
    expect(MANIFEST).toContain(`<Set Name="CustomFunctionsRuntime" MinVersion="${CF_RUNTIME}"/>`);
  });

  it("would be 1.3 without data types, and 1.1 without CustomFunctions.Error", () => {
    const noDataTypes = code.metadata && { ...code.metadata, allowCustomDataForDataTypeAny: false };
    const registered = code.registered.replace(/:\s*any\b/g, ": string");
    expect(requiredCustomFunctionsRuntime(customFunctionsRuntimeNeeds({ ...code, registered, metadata: noDataTypes }))).toBe("1.3");
    expect(requiredCustomFunctionsRuntime(customFunctionsRuntimeNeeds({ sources: [], registered: "", metadata: null }))).toBe("1.1");
  });
});
