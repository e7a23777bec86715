import fs from "node:fs";
import { formatSeconds, PROVIDER_NAMES } from "../src/market";
import type { ProbeOutcome, ProbeTarget } from "./upstream-probe";

export interface StartupInfo {
  /** The address users open, ending in "/", e.g. https://localhost:3000/ */
  url: string;
  manifestPath: string;
  /** null when the manifest has not been built. */
  manifestOrigin: string | null;
  /** Certificate details when serving HTTPS, null for plain HTTP. */
  certificate: { path: string; selfSigned: boolean; generated: boolean; validTo: Date; fingerprint: string } | null;
  /** The start-up probe of the default provider, as far as it got (absent: not probed). */
  upstream?: { outcome: ProbeOutcome; target: ProbeTarget };
}

/**
 * The banner's line about the default provider: "Yahoo Finance: reachable", "…: not reachable from
 * this machine (host name not found) — …", or, while the probe runs, that it is checking.
 */
export function upstreamLine(outcome: ProbeOutcome, target: ProbeTarget): string {
  const name = target.configuredUrl === null ? target.label : `${target.label} at ${target.configuredUrl}`;
  const { reachable, message } = outcome.status;
  if (reachable === null) return `${name}: checking whether this machine reaches it (up to ${formatSeconds(target.timeoutMs)})...`;
  if (reachable) return `${name}: reachable`;
  const advice =
    target.configuredUrl === null
      ? `the preview offers demo data; or set ${target.urlEnvName}`
      : `the preview offers demo data; or check ${target.urlEnvName}`;
  const what = outcome.answered ? "answered without data" : "not reachable from this machine";
  return `${name}: ${what} (${message}) — ${advice}`;
}

/** The origin the built manifest points at (its task pane URL), or null when there is no manifest. */
export function readManifestOrigin(manifestPath: string): string | null {
  let xml: string;
  try {
    xml = fs.readFileSync(manifestPath, "utf8");
  } catch {
    return null;
  }
  const match = /<SourceLocation\s+DefaultValue="([^"]+)"/.exec(xml);
  if (!match) return "";
  try {
    return new URL(match[1]).origin;
  } catch {
    return "";
  }
}

/** What `npm start` prints once the server listens: where it is and how to get it into Excel. */
export function startupMessage(info: StartupInfo): string {
  const url = info.url.endsWith("/") ? info.url : `${info.url}/`;
  const origin = new URL(url).origin;
  const manifest = info.manifestPath;
  const lines: string[] = [
    `Rotation Desk is serving the add-in at ${url}`,
    `  data relay ${url}api/history/{${PROVIDER_NAMES.join("|")}}/{ticker}, POST ${url}api/batch/{provider}   health ${url}api/health`,
    "",
    `In-browser preview (the task pane outside Excel, works offline): ${url}preview.html`,
    `  (${url}taskpane.html is the page Excel loads; it needs Office.js from Microsoft's CDN)`,
    "",
  ];
  if (info.upstream) lines.push(upstreamLine(info.upstream.outcome, info.upstream.target), "");

  const cert = info.certificate;
  if (cert === null) {
    lines.push(
      "Plain HTTP (MKT_HTTP=1): Excel loads add-ins only over HTTPS, so put an HTTPS proxy in front",
      "of this server for Excel; the preview and the tests work as they are.",
      "",
    );
  } else if (cert.selfSigned) {
    const when = cert.validTo.toISOString().slice(0, 10);
    lines.push(
      `HTTPS certificate: self-signed for localhost, ${cert.generated ? "generated now" : "reused"}, valid until ${when}:`,
      `  ${cert.path}`,
      `  SHA-256 ${cert.fingerprint}`,
      "Excel and your browser must trust it before the add-in loads (once per machine):",
      `  Windows: certutil -user -addstore Root "${cert.path}"`,
      `  macOS:   security add-trusted-cert -r trustRoot -k ~/Library/Keychains/login.keychain-db "${cert.path}"`,
      `  browser (Excel on the web): open ${url}api/health and accept the certificate`,
      "  Or use your own: MKT_TLS_CERT=cert.pem MKT_TLS_KEY=key.pem npm run serve",
      "",
    );
  } else {
    lines.push(`HTTPS certificate: ${cert.path} (from MKT_TLS_CERT), valid until ${cert.validTo.toISOString().slice(0, 10)}`, "");
  }

  if (info.manifestOrigin === null) {
    lines.push(`No manifest at ${manifest}: run \`npm run build\` first (npm start does).`, "");
  } else {
    lines.push(
      `Sideload the add-in with ${manifest}`,
      "  Excel on the web: Home > Add-ins > More Add-ins > Upload My Add-in (older menus: Insert > Add-ins),",
      "                    then choose the manifest.",
      `  Excel on Windows: npx office-addin-dev-settings sideload "${manifest}"`,
      "                    or share its folder, add the share under File > Options > Trust Center >",
      "                    Trust Center Settings > Trusted Add-in Catalogs, restart Excel, then",
      "                    Home > Add-ins > Shared Folder > Rotation Desk.",
      "  Excel on Mac:     copy it to ~/Library/Containers/com.microsoft.Excel/Data/Documents/wef/",
      "                    (create the folder if needed) and restart Excel.",
      "  Then: Home > Rotation Desk > Open Desk, or type =MKT. in a cell.",
      "",
    );
    if (info.manifestOrigin !== origin) {
      lines.push(
        `Note: the manifest points at ${info.manifestOrigin || "an unreadable address"}, not ${origin}.`,
        "  Rebuild with ADDIN_ORIGIN set to this server's public address, or serve it there.",
        "",
      );
    }
  }
  lines.push("Ctrl+C stops the server.");
  return lines.join("\n");
}
