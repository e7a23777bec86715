import fs from "node:fs";
import path from "node:path";
import { XMLParser, XMLValidator } from "fast-xml-parser";

/**
 * Structural rules for manifest.xml that Office's own validator would catch only when the
 * add-in is sideloaded (or not at all: a mismatched shared-runtime resid is valid XML but
 * silently gives the functions and the task pane separate runtimes).
 *
 * Each rule returns a list of problems; an empty list means the rule holds.
 */

/** The one origin allowed in the manifest; the build replaces it with ADDIN_ORIGIN. */
export const MANIFEST_ORIGIN = "https://localhost:3000";

export interface XmlNode {
  name: string;
  attrs: Record<string, string>;
  children: XmlNode[];
  text: string;
}

export interface ManifestContext {
  /** The manifest text. */
  xml: string;
  /** The OfficeApp element. */
  root: XmlNode;
  /** Folder that `${origin}/assets/...` URLs map to. */
  assetsDir: string;
  origin: string;
  /** The CustomFunctionsRuntime version the functions need (see custom-functions-runtime.ts). */
  customFunctionsRuntime: string;
}

export interface ManifestRule {
  name: string;
  check(ctx: ManifestContext): string[];
}

export interface CheckOptions {
  assetsDir: string;
  origin?: string;
  customFunctionsRuntime: string;
}

export interface RuleResult {
  rule: string;
  problems: string[];
}

// ---------------------------------------------------------------------------------------
// Parsing

type OrderedEntry = Record<string, unknown> & { ":@"?: Record<string, string> };

function toNode(entry: OrderedEntry): XmlNode | null {
  const name = Object.keys(entry).find((key) => key !== ":@");
  if (name === undefined || name === "#text" || name === "#comment" || name.startsWith("?")) return null;
  const rawChildren = (entry[name] as OrderedEntry[]) ?? [];
  const children: XmlNode[] = [];
  let text = "";
  for (const child of rawChildren) {
    if ("#text" in child) text += String(child["#text"]);
    const node = toNode(child);
    if (node) children.push(node);
  }
  return { name, attrs: { ...(entry[":@"] ?? {}) }, children, text: text.trim() };
}

/** Parses the manifest; throws an Error naming the problem when it is not well-formed. */
export function parseManifest(xml: string): XmlNode {
  const valid = XMLValidator.validate(xml);
  if (valid !== true) {
    throw new Error(`not well-formed XML: ${valid.err.msg} (line ${valid.err.line}, column ${valid.err.col})`);
  }
  const parser = new XMLParser({
    preserveOrder: true,
    ignoreAttributes: false,
    attributeNamePrefix: "",
    parseAttributeValue: false,
    parseTagValue: false,
    trimValues: true,
  });
  const top = (parser.parse(xml) as OrderedEntry[]).map(toNode).filter((n): n is XmlNode => n !== null);
  if (top.length !== 1 || top[0].name !== "OfficeApp") {
    throw new Error(`the document element must be a single OfficeApp, not ${top.map((n) => n.name).join(", ")}`);
  }
  return top[0];
}

// ---------------------------------------------------------------------------------------
// Tree helpers

function kids(node: XmlNode, name: string): XmlNode[] {
  return node.children.filter((c) => c.name === name);
}

function descendants(node: XmlNode, name: string): XmlNode[] {
  const found: XmlNode[] = [];
  const walk = (n: XmlNode): void => {
    for (const c of n.children) {
      if (c.name === name) found.push(c);
      walk(c);
    }
  };
  walk(node);
  return found;
}

/** Follows a path of element names, each step required to match exactly one element. */
function single(node: XmlNode, ...names: string[]): XmlNode | null {
  let current: XmlNode = node;
  for (const name of names) {
    const found = kids(current, name);
    if (found.length !== 1) return null;
    current = found[0];
  }
  return current;
}

function versionOverrides(root: XmlNode): XmlNode | null {
  return single(root, "VersionOverrides");
}

function workbookHost(root: XmlNode): XmlNode | null {
  const vo = versionOverrides(root);
  if (!vo) return null;
  const hosts = single(vo, "Hosts");
  if (!hosts) return null;
  const workbook = kids(hosts, "Host").filter((h) => h.attrs["xsi:type"] === "Workbook");
  return workbook.length === 1 ? workbook[0] : null;
}

function extensionPoints(root: XmlNode, type: string): XmlNode[] {
  const host = workbookHost(root);
  if (!host) return [];
  return descendants(host, "ExtensionPoint").filter((e) => e.attrs["xsi:type"] === type);
}

const RESOURCE_KINDS = ["bt:Images", "bt:Urls", "bt:ShortStrings", "bt:LongStrings"] as const;
type ResourceKind = (typeof RESOURCE_KINDS)[number];
const RESOURCE_ITEM: Record<ResourceKind, string> = {
  "bt:Images": "bt:Image",
  "bt:Urls": "bt:Url",
  "bt:ShortStrings": "bt:String",
  "bt:LongStrings": "bt:String",
};

interface ResourceDef {
  id: string;
  kind: ResourceKind;
  value: string;
}

function resourceDefs(root: XmlNode): ResourceDef[] {
  const vo = versionOverrides(root);
  const resources = vo && single(vo, "Resources");
  if (!resources) return [];
  const defs: ResourceDef[] = [];
  for (const kind of RESOURCE_KINDS) {
    for (const group of kids(resources, kind)) {
      for (const item of kids(group, RESOURCE_ITEM[kind])) {
        defs.push({ id: item.attrs.id ?? "", kind, value: item.attrs.DefaultValue ?? "" });
      }
    }
  }
  return defs;
}

/** The value of a resource id, when it is defined exactly once. */
function resourceValue(root: XmlNode, resid: string | undefined): string | null {
  const defs = resourceDefs(root).filter((d) => d.id === resid);
  return defs.length === 1 ? defs[0].value : null;
}

function sourceResid(node: XmlNode | null): string | undefined {
  return node ? single(node, "SourceLocation")?.attrs.resid : undefined;
}

/** Every element with a `resid` attribute, with the name of its parent (for bt:Image vs Icon). */
function residUses(root: XmlNode): { element: string; resid: string }[] {
  const uses: { element: string; resid: string }[] = [];
  const walk = (n: XmlNode): void => {
    for (const c of n.children) {
      if (c.attrs.resid !== undefined) uses.push({ element: c.name, resid: c.attrs.resid });
      walk(c);
    }
  };
  walk(root);
  return uses;
}

/** Which resource group an element's resid must point into. */
const KIND_FOR_ELEMENT: Record<string, ResourceKind> = {
  "bt:Image": "bt:Images",
  SourceLocation: "bt:Urls",
  Runtime: "bt:Urls",
  FunctionFile: "bt:Urls",
  LearnMoreUrl: "bt:Urls",
  Label: "bt:ShortStrings",
  Title: "bt:ShortStrings",
  Namespace: "bt:ShortStrings",
  Description: "bt:LongStrings",
};

/** Width and height from a PNG's IHDR chunk, or null when the bytes are not a PNG. */
export function pngSize(bytes: Buffer): { width: number; height: number } | null {
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  if (bytes.length < 24 || !bytes.subarray(0, 8).equals(signature)) return null;
  if (bytes.toString("latin1", 12, 16) !== "IHDR") return null;
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

/** Checks the order of an element's children against a schema sequence (unknown names too). */
function checkSequence(node: XmlNode | null, where: string, sequence: string[], required: string[]): string[] {
  if (!node) return [`${where} is missing or repeated`];
  const problems: string[] = [];
  let last = -1;
  for (const child of node.children) {
    const index = sequence.indexOf(child.name);
    if (index < 0) problems.push(`${where}: unexpected element <${child.name}>`);
    else if (index < last) problems.push(`${where}: <${child.name}> is out of order (schema order: ${sequence.join(", ")})`);
    else last = index;
  }
  for (const name of required) {
    if (kids(node, name).length !== 1) problems.push(`${where}: needs exactly one <${name}>`);
  }
  return problems;
}

// ---------------------------------------------------------------------------------------
// The rules

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const RULES: ManifestRule[] = [
  {
    name: "is a task pane add-in manifest with its elements in schema order",
    check: ({ root }) => {
      const problems: string[] = [];
      if (root.attrs["xsi:type"] !== "TaskPaneApp") problems.push(`OfficeApp xsi:type must be TaskPaneApp`);
      problems.push(
        ...checkSequence(
          root,
          "OfficeApp",
          [
            "Id",
            "AlternateId",
            "Version",
            "ProviderName",
            "DefaultLocale",
            "DisplayName",
            "Description",
            "IconUrl",
            "HighResolutionIconUrl",
            "SupportUrl",
            "AppDomains",
            "Hosts",
            "Requirements",
            "DefaultSettings",
            "Permissions",
            "AllowSnapshot",
            "VersionOverrides",
          ],
          [
            "Id",
            "Version",
            "ProviderName",
            "DefaultLocale",
            "DisplayName",
            "Description",
            "DefaultSettings",
            "Permissions",
            "VersionOverrides",
          ],
        ),
      );
      const vo = versionOverrides(root);
      if (vo)
        problems.push(
          ...checkSequence(vo, "VersionOverrides", ["Description", "Requirements", "Hosts", "Resources"], ["Hosts", "Resources"]),
        );
      const host = workbookHost(root);
      if (host) {
        problems.push(
          ...checkSequence(
            host,
            "Host",
            ["Runtimes", "AllFormFactors", "DesktopFormFactor"],
            ["Runtimes", "AllFormFactors", "DesktopFormFactor"],
          ),
        );
        const desktop = single(host, "DesktopFormFactor");
        problems.push(...checkSequence(desktop, "DesktopFormFactor", ["GetStarted", "FunctionFile", "ExtensionPoint"], ["FunctionFile"]));
      }
      for (const cf of extensionPoints(root, "CustomFunctions")) {
        problems.push(
          ...checkSequence(cf, "CustomFunctions", ["Script", "Page", "Metadata", "Namespace"], ["Script", "Page", "Metadata", "Namespace"]),
        );
      }
      for (const control of descendants(root, "Control")) {
        problems.push(
          ...checkSequence(
            control,
            `Control ${control.attrs.id}`,
            ["Label", "Supertip", "Icon", "Action"],
            ["Label", "Supertip", "Icon", "Action"],
          ),
        );
      }
      return problems;
    },
  },
  {
    name: "has a GUID Id",
    check: ({ root }) => {
      const id = single(root, "Id")?.text ?? "";
      return GUID.test(id) ? [] : [`Id must be a GUID, not "${id}"`];
    },
  },
  {
    name: "names Rotation Desk as provider and display name, with a description and support URL",
    check: ({ root }) => {
      const problems: string[] = [];
      if (single(root, "ProviderName")?.text !== "Rotation Desk") problems.push("ProviderName must be Rotation Desk");
      if (single(root, "DisplayName")?.attrs.DefaultValue !== "Rotation Desk") problems.push("DisplayName must be Rotation Desk");
      if (!single(root, "Description")?.attrs.DefaultValue) problems.push("Description is empty");
      if (!single(root, "SupportUrl")?.attrs.DefaultValue) problems.push("SupportUrl is missing");
      return problems;
    },
  },
  {
    name: "targets the Workbook host only",
    check: ({ root }) => {
      const problems: string[] = [];
      const hosts = single(root, "Hosts");
      const names = hosts ? kids(hosts, "Host").map((h) => h.attrs.Name) : [];
      if (names.length !== 1 || names[0] !== "Workbook") problems.push(`Hosts must be exactly Workbook, not [${names.join(", ")}]`);
      const vo = versionOverrides(root);
      const voHosts = vo && single(vo, "Hosts");
      const types = voHosts ? kids(voHosts, "Host").map((h) => h.attrs["xsi:type"]) : [];
      if (types.length !== 1 || types[0] !== "Workbook") {
        problems.push(`VersionOverrides Hosts must be exactly Workbook, not [${types.join(", ")}]`);
      }
      return problems;
    },
  },
  {
    name: "requires SharedRuntime 1.1 and the CustomFunctionsRuntime version the functions use",
    check: ({ root, customFunctionsRuntime }) => {
      const sets = single(root, "Requirements", "Sets");
      if (!sets) return ["Requirements/Sets is missing"];
      const problems: string[] = [];
      for (const [name, wanted] of [
        ["SharedRuntime", "1.1"],
        ["CustomFunctionsRuntime", customFunctionsRuntime],
      ]) {
        const found = kids(sets, "Set").filter((s) => s.attrs.Name === name);
        const version = found[0]?.attrs.MinVersion ?? sets.attrs.DefaultMinVersion;
        if (found.length !== 1) problems.push(`requirement set ${name} must be listed once`);
        else if (version !== wanted) problems.push(`requirement set ${name} must have MinVersion ${wanted}, not ${version}`);
      }
      return problems;
    },
  },
  {
    // "Don't design your add-in to use multiple task panes if you are planning to use a shared
    // runtime. A shared runtime only supports the use of one task pane. Note that any task pane
    // without a <TaskpaneID> is considered a different task pane." (Configure your Office Add-in
    // to use a shared runtime, "Multiple task panes", learn.microsoft.com/office/dev/add-ins/develop/
    // configure-your-add-in-to-use-a-shared-runtime, revised 2026-05-21). So every ShowTaskpane
    // action names the same pane and opens the runtime's page, as Microsoft's shared-runtime
    // samples do (excel-keyboard-shortcuts: <TaskpaneId>ButtonId1</TaskpaneId>).
    name: "opens one task pane, named by the same TaskpaneId on every ShowTaskpane action, in the shared runtime",
    check: ({ root }) => {
      const host = workbookHost(root);
      if (!host) return ["no VersionOverrides Workbook host"];
      const runtimeResid = single(host, "Runtimes", "Runtime")?.attrs.resid;
      const actions = descendants(host, "Action").filter((a) => a.attrs["xsi:type"] === "ShowTaskpane");
      if (actions.length === 0) return ["there is no ShowTaskpane action"];
      const problems: string[] = [];
      const ids = new Set<string>();
      for (const action of actions) {
        const id = kids(action, "TaskpaneId");
        if (id.length !== 1 || id[0].text === "")
          problems.push("a ShowTaskpane action has no TaskpaneId: Office treats it as a second task pane");
        else ids.add(id[0].text);
        const resid = sourceResid(action);
        if (resid !== runtimeResid) problems.push(`a ShowTaskpane action opens resid "${resid}", not the runtime's "${runtimeResid}"`);
      }
      if (ids.size > 1)
        problems.push(`ShowTaskpane actions name ${ids.size} task panes (${[...ids].join(", ")}); a shared runtime has one`);
      return problems;
    },
  },
  {
    name: "runs functions, ribbon and task pane in one long-lived shared runtime",
    check: ({ root }) => {
      const host = workbookHost(root);
      if (!host) return ["no VersionOverrides Workbook host"];
      const runtimes = single(host, "Runtimes");
      const runtime = runtimes ? kids(runtimes, "Runtime") : [];
      if (runtime.length !== 1) return [`there must be exactly one Runtime, found ${runtime.length}`];
      const problems: string[] = [];
      const runtimeResid = runtime[0].attrs.resid;
      if (runtime[0].attrs.lifetime !== "long") problems.push(`Runtime lifetime must be "long", not "${runtime[0].attrs.lifetime}"`);
      const cf = extensionPoints(root, "CustomFunctions");
      const pageResid = cf.length === 1 ? sourceResid(single(cf[0], "Page")) : undefined;
      if (pageResid !== runtimeResid)
        problems.push(`custom functions Page resid "${pageResid}" differs from Runtime resid "${runtimeResid}"`);
      const functionFile = descendants(host, "FunctionFile");
      const fileResid = functionFile.length === 1 ? functionFile[0].attrs.resid : undefined;
      if (fileResid !== runtimeResid) problems.push(`FunctionFile resid "${fileResid}" differs from Runtime resid "${runtimeResid}"`);
      const url = resourceValue(root, runtimeResid);
      if (!url?.endsWith("/taskpane.html")) problems.push(`Runtime resid "${runtimeResid}" must be the task pane page, not ${url}`);
      return problems;
    },
  },
  {
    name: "declares the custom functions script, metadata and the MKT namespace",
    check: ({ root }) => {
      const cf = extensionPoints(root, "CustomFunctions");
      if (cf.length !== 1) return [`there must be exactly one CustomFunctions extension point, found ${cf.length}`];
      const problems: string[] = [];
      const script = resourceValue(root, sourceResid(single(cf[0], "Script")));
      if (!script?.endsWith("/functions.js")) problems.push(`Script must point at functions.js, not ${script}`);
      const metadata = resourceValue(root, sourceResid(single(cf[0], "Metadata")));
      if (!metadata?.endsWith("/functions.json")) problems.push(`Metadata must point at functions.json, not ${metadata}`);
      const namespace = single(cf[0], "Namespace");
      if (namespace?.attrs.resid !== "Functions.Namespace") problems.push(`Namespace resid must be Functions.Namespace`);
      const value = resourceValue(root, namespace?.attrs.resid);
      if (value !== "MKT") problems.push(`namespace must be MKT, not ${value}`);
      return problems;
    },
  },
  {
    name: "has a Home-tab button in its own group that shows the shared task pane",
    check: ({ root }) => {
      const surfaces = extensionPoints(root, "PrimaryCommandSurface");
      if (surfaces.length !== 1) return [`there must be exactly one PrimaryCommandSurface, found ${surfaces.length}`];
      const tab = single(surfaces[0], "OfficeTab");
      if (tab?.attrs.id !== "TabHome") return ["the ribbon button must be on the Home tab (OfficeTab id TabHome)"];
      const groups = kids(tab, "Group");
      if (groups.length !== 1) return [`the Home tab must get exactly one group, found ${groups.length}`];
      const problems: string[] = [];
      const label = resourceValue(root, single(groups[0], "Label")?.attrs.resid);
      if (label !== "Rotation Desk") problems.push(`group label must be "Rotation Desk", not ${label}`);
      const buttons = kids(groups[0], "Control").filter((c) => c.attrs["xsi:type"] === "Button");
      if (buttons.length !== 1) return [...problems, `the group must hold exactly one button, found ${buttons.length}`];
      const action = single(buttons[0], "Action");
      if (action?.attrs["xsi:type"] !== "ShowTaskpane")
        problems.push(`button action must be ShowTaskpane, not ${action?.attrs["xsi:type"]}`);
      const runtimeResid = workbookHost(root) && single(workbookHost(root)!, "Runtimes", "Runtime")?.attrs.resid;
      const actionResid = action ? sourceResid(action) : undefined;
      if (actionResid !== runtimeResid) problems.push(`task pane resid "${actionResid}" differs from Runtime resid "${runtimeResid}"`);
      for (const [what, node] of [
        ["group", groups[0]],
        ["button", buttons[0]],
      ] as const) {
        const icon = single(node, "Icon");
        const sizes = icon
          ? kids(icon, "bt:Image")
              .map((i) => i.attrs.size)
              .sort()
          : [];
        if (sizes.join(",") !== "16,32,80") problems.push(`${what} icon sizes must be 16, 32 and 80, not [${sizes.join(", ")}]`);
      }
      return problems;
    },
  },
  {
    name: "defines every resid it uses exactly once, in the right resource group",
    check: ({ root }) => {
      const problems: string[] = [];
      const defs = resourceDefs(root);
      const counts = new Map<string, number>();
      for (const d of defs) counts.set(d.id, (counts.get(d.id) ?? 0) + 1);
      for (const [id, n] of counts) if (n > 1) problems.push(`resource id "${id}" is defined ${n} times`);
      const uses = residUses(root);
      for (const { element, resid } of uses) {
        if (resid.length === 0 || resid.length > 32) problems.push(`resid "${resid}" must be 1 to 32 characters`);
        const matching = defs.filter((d) => d.id === resid);
        if (matching.length === 0) {
          problems.push(`<${element} resid="${resid}"> is not defined in Resources`);
          continue;
        }
        const want = KIND_FOR_ELEMENT[element];
        if (want && matching[0].kind !== want)
          problems.push(`<${element} resid="${resid}"> must point into ${want}, not ${matching[0].kind}`);
      }
      const used = new Set(uses.map((u) => u.resid));
      for (const d of defs) {
        if (!used.has(d.id)) problems.push(`resource "${d.id}" is defined but never used`);
        if (d.kind === "bt:ShortStrings" && d.value.length > 125) problems.push(`short string "${d.id}" is over 125 characters`);
        if (d.kind === "bt:LongStrings" && d.value.length > 250) problems.push(`long string "${d.id}" is over 250 characters`);
        if (!d.value) problems.push(`resource "${d.id}" has no DefaultValue`);
      }
      return problems;
    },
  },
  {
    name: "uses only https URLs on the one origin",
    check: ({ xml, origin }) => {
      // Namespace names are identifiers that look like URLs; everything else must be ours.
      const withoutNamespaces = xml.replace(/\sxmlns(?::[\w.-]+)?\s*=\s*"[^"]*"/g, "");
      const urls = withoutNamespaces.match(/[a-z][a-z0-9+.-]*:\/\/[^\s"'<>]*/gi) ?? [];
      const problems = urls.filter((u) => !u.startsWith(`${origin}/`)).map((u) => `URL ${u} is not under ${origin}/`);
      if (urls.length === 0) problems.push("no URLs found");
      return problems;
    },
  },
  {
    name: "points its icon URLs at PNG files in assets/ of the declared pixel size",
    check: ({ root, assetsDir, origin }) => {
      const wanted: { url: string | null; size: number; where: string }[] = [
        { url: single(root, "IconUrl")?.attrs.DefaultValue ?? null, size: 32, where: "IconUrl" },
        { url: single(root, "HighResolutionIconUrl")?.attrs.DefaultValue ?? null, size: 64, where: "HighResolutionIconUrl" },
      ];
      for (const icon of descendants(root, "Icon")) {
        for (const image of kids(icon, "bt:Image")) {
          wanted.push({ url: resourceValue(root, image.attrs.resid), size: Number(image.attrs.size), where: `image ${image.attrs.resid}` });
        }
      }
      const problems: string[] = [];
      const prefix = `${origin}/assets/`;
      for (const { url, size, where } of wanted) {
        if (!url || !url.startsWith(prefix)) {
          problems.push(`${where}: ${url} is not under ${prefix}`);
          continue;
        }
        const file = path.join(assetsDir, ...url.slice(prefix.length).split("/"));
        if (!fs.existsSync(file)) {
          problems.push(`${where}: ${file} does not exist`);
          continue;
        }
        const dims = pngSize(fs.readFileSync(file));
        if (!dims) problems.push(`${where}: ${file} is not a PNG`);
        else if (dims.width !== size || dims.height !== size) {
          problems.push(`${where}: ${path.basename(file)} is ${dims.width}x${dims.height}, expected ${size}x${size}`);
        }
      }
      return problems;
    },
  },
  {
    name: "asks for ReadWriteDocument permission",
    check: ({ root }) => {
      const permissions = single(root, "Permissions")?.text;
      return permissions === "ReadWriteDocument" ? [] : [`Permissions must be ReadWriteDocument, not ${permissions}`];
    },
  },
  {
    name: "lists no AppDomains (the add-in calls only its own origin)",
    check: ({ root }) => {
      const domains = kids(root, "AppDomains").flatMap((d) => kids(d, "AppDomain").map((a) => a.text));
      return domains.map((d) => `AppDomain ${d} is listed, but the add-in calls only its own server`);
    },
  },
];

/** Runs every rule; a manifest that is not well-formed fails every rule with the parse error. */
export function checkManifest(xml: string, options: CheckOptions): RuleResult[] {
  let root: XmlNode;
  try {
    root = parseManifest(xml);
  } catch (error) {
    const message = (error as Error).message;
    return RULES.map((rule) => ({ rule: rule.name, problems: [message] }));
  }
  const ctx: ManifestContext = {
    xml,
    root,
    assetsDir: options.assetsDir,
    origin: options.origin ?? MANIFEST_ORIGIN,
    customFunctionsRuntime: options.customFunctionsRuntime,
  };
  return RULES.map((rule) => ({ rule: rule.name, problems: rule.check(ctx) }));
}

/** The problems of one rule (by name) for a manifest text. */
export function problemsOf(results: RuleResult[], rule: string): string[] {
  const found = results.find((r) => r.rule === rule);
  if (!found) throw new Error(`no rule named "${rule}"`);
  return found.problems;
}
