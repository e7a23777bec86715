import { describeNetworkError, fetchText, isHostNotFound, MarketDataError, snippet } from "../../core";
import type { ProviderSettings } from "../shared";

/**
 * Yahoo's cookie-and-crumb flow (FORMATS.md §1.1, recorded by yahoo-finance2 in Feb 2025,
 * test/fixtures/quotes/yahoo/crumb/): v7 `quote` and `quoteSummary` answer only a request that
 * carries Yahoo's cookies and `&crumb=…` (the chart API needs neither).
 *
 *   1. GET the quote page `/quote/AAPL` (finance.yahoo.com): it sets the cookies (A1, A3, GUC…), or
 *      from the EU answers 307 to the consent flow: guce.yahoo.com/consent → 302 →
 *      consent.yahoo.com/v2/collectConsent (an HTML form) → POST the form → 302 →
 *      guce.yahoo.com/copyConsent, which sets the cookies and sends the browser back to the quote page;
 *   2. GET `/v1/test/getcrumb` with those cookies: the crumb, as plain text (`haT3oykhHqZ`);
 *   3. every quote request sends the cookies and `&crumb=`; a 401 "Invalid Crumb" means they expired:
 *      the caller forgets them (invalidate) and asks once more with new ones.
 *
 * With MKT_YAHOO_URL set, every one of these requests goes to that base with the real paths (so one
 * loopback server can stand in for all of Yahoo), and only redirects on that base are followed; with
 * the default base, only https redirects within yahoo.com are. The consent form is accepted as
 * yahoo-finance2 and yfinance do, which is what the recorded flow shows. Cookies are kept in memory
 * for this provider only and sent only to Yahoo (or the configured base).
 */

/** Where the cookie page is when Yahoo is reached at its public hosts. */
export const DEFAULT_YAHOO_PAGE_URL = "https://finance.yahoo.com";
/** The page whose answer sets Yahoo's cookies: the one the recorded flow asks for. */
export const YAHOO_COOKIE_PATH = "/quote/AAPL";
export const YAHOO_CRUMB_PATH = "/v1/test/getcrumb";
/** Redirects and form posts one flow may take (the recorded EU flow takes four). */
const MAX_HOPS = 8;
/** The consent page is about 90 KB; nothing else in the flow is read. */
const MAX_PAGE_BYTES = 1024 * 1024;
const MAX_CRUMB_BYTES = 4096;
/** A crumb as Yahoo writes it: printable, no spaces or markup, short. */
const CRUMB = /^[\x21-\x3b\x3d\x3f-\x7e]{4,64}$/;
const REDIRECTS: ReadonlySet<number> = new Set([301, 302, 303, 307, 308]);

/** What Yahoo's quote endpoints need with every request. */
export interface YahooCredentials {
  /** The `cookie` request header: `name=value; …`. */
  readonly cookie: string;
  readonly crumb: string;
}

export interface YahooSessionOptions {
  /** The provider's settings: base URL (default or MKT_YAHOO_URL), time limit, messages. */
  readonly settings: ProviderSettings;
  /** Where the cookie page is: the default Yahoo page host, or the base itself when MKT_YAHOO_URL is set. */
  readonly pageBaseUrl: string;
}

/** One provider's cookies and crumb: fetched once, shared by concurrent requests, renewed after a refusal. */
export class YahooSession {
  /** The flow in progress or done, and its answer once it has one. */
  private current: { readonly pending: Promise<YahooCredentials>; value: YahooCredentials | null } | null = null;
  private readonly settings: ProviderSettings;
  /** The bases as configured (no trailing slash; a path prefix kept: MKT_YAHOO_URL may be a proxy's path). */
  private readonly pageBaseUrl: string;
  private readonly pageBase: URL;
  private readonly apiBase: URL;
  /** Requests per flow so far, for tests and the benchmark's count of upstream requests. */
  private flowRequests = 0;

  constructor(options: YahooSessionOptions) {
    this.settings = options.settings;
    this.pageBaseUrl = options.pageBaseUrl.replace(/\/+$/, "");
    this.pageBase = new URL(this.pageBaseUrl);
    this.apiBase = new URL(this.settings.baseUrl);
  }

  /** Requests the cookie-and-crumb flows have made so far (cookie page, consent, crumb). */
  get requestsMade(): number {
    return this.flowRequests;
  }

  /** The cookies and crumb, fetching them first when there are none; `symbol` names the request in messages. */
  credentials(symbol: string): Promise<YahooCredentials> {
    if (this.current === null) {
      const entry: { readonly pending: Promise<YahooCredentials>; value: YahooCredentials | null } = {
        pending: this.fetchCredentials(symbol),
        value: null,
      };
      this.current = entry;
      entry.pending.then(
        (value) => {
          entry.value = value;
        },
        // A failed flow is not kept: the next request tries again.
        () => {
          if (this.current === entry) this.current = null;
        },
      );
    }
    return this.current.pending;
  }

  /** Forgets `stale` (Yahoo refused it): the next credentials() runs the flow again. Newer credentials are kept. */
  invalidate(stale: YahooCredentials): void {
    if (this.current !== null && this.current.value === stale) this.current = null;
  }

  private async fetchCredentials(symbol: string): Promise<YahooCredentials> {
    const jar = new Map<string, string>();
    await this.collectCookies(symbol, jar);
    if (jar.size === 0) {
      throw new MarketDataError("unavailable", `Yahoo set no cookie on its quote page (needed for ${symbol}): try again later`, symbol);
    }
    const cookie = cookieHeader(jar);
    const crumb = await this.fetchCrumb(symbol, cookie);
    return { cookie, crumb };
  }

  /** Step 1: the cookie page, and the consent flow where Yahoo sends us through it. */
  private async collectCookies(symbol: string, jar: Map<string, string>): Promise<void> {
    let url = new URL(`${this.pageBaseUrl}${YAHOO_COOKIE_PATH}`);
    let method: "GET" | "POST" = "GET";
    let form: string | undefined;
    for (let hop = 0; hop < MAX_HOPS; hop++) {
      const response = await this.send(symbol, url, method, jar, form);
      for (const line of setCookies(response.headers)) {
        const pair = cookiePair(line);
        if (pair !== null) jar.set(pair[0], pair[1]);
      }
      if (response.status === 429) {
        void response.body?.cancel().catch(() => undefined);
        throw new MarketDataError("rate-limited", `Yahoo is rate-limiting requests (HTTP 429 on its cookie page) for ${symbol}`, symbol);
      }
      if (response.status >= 500) {
        void response.body?.cancel().catch(() => undefined);
        throw new MarketDataError(
          "unavailable",
          `Yahoo is unavailable (HTTP ${response.status} on its cookie page) for ${symbol}: try again later`,
          symbol,
        );
      }
      if (REDIRECTS.has(response.status)) {
        void response.body?.cancel().catch(() => undefined);
        const next = this.redirectTarget(response.headers.get("location"), url);
        // Back at the quote page once the consent is given: the cookies are set, the page itself is not needed.
        if (next === null || (next.pathname.includes("/quote/") && jar.size > 0)) return;
        url = next;
        method = "GET";
        form = undefined;
        continue;
      }
      if (response.status === 200 && /collectConsent/i.test(url.pathname)) {
        const page = await readLimited(response, MAX_PAGE_BYTES);
        form = consentForm(page);
        if (form === undefined) {
          throw new MarketDataError(
            "bad-response",
            `Yahoo's consent page (needed for ${symbol}) has no form this add-in can answer`,
            symbol,
          );
        }
        method = "POST";
        continue;
      }
      // The quote page itself (or any other answer): its cookies are all that was wanted.
      void response.body?.cancel().catch(() => undefined);
      return;
    }
    throw new MarketDataError("bad-response", `Yahoo redirected the cookie request for ${symbol} too many times`, symbol);
  }

  /** Step 2: the crumb for these cookies. */
  private async fetchCrumb(symbol: string, cookie: string): Promise<string> {
    this.flowRequests++;
    const response = await fetchText(`${this.settings.baseUrl}${YAHOO_CRUMB_PATH}`, {
      service: "Yahoo",
      symbol,
      timeoutMs: this.settings.timeoutMs,
      headers: { cookie, accept: "text/plain, */*" },
      hostNotFoundHint: this.settings.hostNotFoundHint,
      maxBodyBytes: MAX_CRUMB_BYTES,
    });
    const crumb = response.body.trim();
    if (response.status === 429) {
      throw new MarketDataError("rate-limited", `Yahoo is rate-limiting requests (HTTP 429 on its crumb) for ${symbol}`, symbol);
    }
    if (response.status >= 500) {
      throw new MarketDataError(
        "unavailable",
        `Yahoo is unavailable (HTTP ${response.status} on its crumb) for ${symbol}: try again later`,
        symbol,
      );
    }
    if (response.status !== 200 || !CRUMB.test(crumb)) {
      const said = crumb === "" ? "an empty answer" : `"${snippet(crumb, 80)}"`;
      throw new MarketDataError(
        "unavailable",
        `Yahoo gave no crumb for its cookies (HTTP ${response.status}, ${said}), needed for ${symbol}`,
        symbol,
      );
    }
    return crumb;
  }

  /** Where a redirect may go: the configured base (MKT_YAHOO_URL), or https within yahoo.com by default. */
  private redirectTarget(location: string | null, from: URL): URL | null {
    if (location === null || location.trim() === "") return null;
    let next: URL;
    try {
      next = new URL(location, from);
    } catch {
      return null;
    }
    if (this.pageBase.origin !== new URL(DEFAULT_YAHOO_PAGE_URL).origin) {
      return next.origin === this.pageBase.origin || next.origin === this.apiBase.origin ? next : null;
    }
    return next.protocol === "https:" && (next.hostname === "yahoo.com" || next.hostname.endsWith(".yahoo.com")) ? next : null;
  }

  /** One request of the flow, redirects not followed (their cookies matter), within the provider's time limit. */
  private async send(symbol: string, url: URL, method: "GET" | "POST", jar: Map<string, string>, form?: string): Promise<Response> {
    const controller = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, this.settings.timeoutMs);
    const headers: Record<string, string> = { accept: "text/html,application/xhtml+xml,application/xml" };
    if (jar.size > 0) headers.cookie = cookieHeader(jar);
    this.flowRequests++;
    if (form !== undefined) headers["content-type"] = "application/x-www-form-urlencoded";
    try {
      return await fetch(url.href, { method, headers, body: form, redirect: "manual", signal: controller.signal });
    } catch (error) {
      if (timedOut) {
        throw new MarketDataError(
          "unavailable",
          `Yahoo did not answer within ${this.settings.timeoutMs / 1000} s for ${symbol} (its cookie page)`,
          symbol,
        );
      }
      const hostNotFound = isHostNotFound(error);
      const hint = hostNotFound && this.settings.hostNotFoundHint ? ` — ${this.settings.hostNotFoundHint}` : "";
      throw new MarketDataError("unavailable", `Could not reach Yahoo for ${symbol}: ${describeNetworkError(error)}${hint}`, symbol, null, {
        hostNotFound,
      });
    } finally {
      clearTimeout(timer);
    }
  }
}

function cookieHeader(jar: ReadonlyMap<string, string>): string {
  return [...jar].map(([name, value]) => `${name}=${value}`).join("; ");
}

/** Every Set-Cookie header of a response (Node's fetch keeps them apart). */
function setCookies(headers: Headers): string[] {
  if (typeof headers.getSetCookie === "function") return headers.getSetCookie();
  const joined = headers.get("set-cookie");
  return joined === null ? [] : [joined];
}

/** `name=value` of a Set-Cookie line, or null when it has none. */
export function cookiePair(line: string): [string, string] | null {
  const first = line.split(";", 1)[0];
  const equals = first.indexOf("=");
  if (equals <= 0) return null;
  const name = first.slice(0, equals).trim();
  const value = first.slice(equals + 1).trim();
  return /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/.test(name) ? [name, value] : null;
}

/**
 * The consent form's answer, as the recorded POST sends it: its hidden fields (csrfToken,
 * sessionId, originalDoneUrl, namespace) and `agree=agree` twice; undefined when the page has no
 * csrfToken or sessionId.
 */
export function consentForm(page: string): string | undefined {
  const fields = new Map<string, string>();
  for (const input of page.match(/<input\b[^>]*>/gi) ?? []) {
    const type = attribute(input, "type");
    const name = attribute(input, "name");
    const value = attribute(input, "value");
    if (type?.toLowerCase() === "hidden" && name !== undefined && value !== undefined) fields.set(name, decodeEntities(value));
  }
  if (!fields.has("csrfToken") || !fields.has("sessionId")) return undefined;
  const body = new URLSearchParams();
  for (const name of ["csrfToken", "sessionId", "originalDoneUrl", "namespace"]) {
    const value = fields.get(name);
    if (value !== undefined) body.append(name, value);
  }
  body.append("agree", "agree");
  body.append("agree", "agree");
  return body.toString();
}

function attribute(tag: string, name: string): string | undefined {
  const match = new RegExp(`\\s${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)')`, "i").exec(tag);
  return match === null ? undefined : (match[1] ?? match[2]);
}

/** The few HTML entities Yahoo's form values use (`&#x3D;` for "="). */
function decodeEntities(text: string): string {
  return text
    .replace(/&#x([0-9a-f]+);/gi, (_, hex: string) => String.fromCodePoint(parseInt(hex, 16)))
    .replace(/&#(\d+);/g, (_, dec: string) => String.fromCodePoint(Number(dec)))
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&");
}

/** The page's text, refused beyond `limit` bytes (announced or read). */
async function readLimited(response: Response, limit: number): Promise<string> {
  const text = await response.text();
  if (text.length > limit) throw new MarketDataError("bad-response", "Yahoo's consent page is far longer than the recorded one: not read");
  return text;
}
