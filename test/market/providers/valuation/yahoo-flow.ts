import type { ReceivedRequest, Route, ScriptedResponse } from "../../../support/replay-server";
import { fixtureText, loadWrapper, replayWrapper } from "./recordings";

/**
 * Yahoo's recorded cookie-and-crumb flow (quotes/yahoo/crumb/, yahoo-finance2, Feb 2025, from the
 * EU) replayed by one loopback server: every recorded Location to finance/guce/consent/query1/query2
 * .yahoo.com points at the server instead, with the real paths, as MKT_YAHOO_URL makes the provider
 * send everything to one base.
 */

export const CRUMB_DIR = "quotes/yahoo/crumb";
export const RECORDED_CRUMB = "haT3oykhHqZ";
export const CRUMB_FILES = {
  cookiePage: `${CRUMB_DIR}/getCrumb-quote-AAPL.json`,
  cookiePage2023: `${CRUMB_DIR}/getCrumb-quote-AAPL-pre-consent-VPN-UK.json`,
  consent: `${CRUMB_DIR}/getCrumb-quote-AAPL-consent.html.json`,
  collectConsent: `${CRUMB_DIR}/getCrumb-quote-AAPL-collectConsent.html.json`,
  collectConsentSubmit: `${CRUMB_DIR}/getCrumb-quote-AAPL-collectConsentSubmit.json`,
  copyConsent: `${CRUMB_DIR}/getCrumb-quote-AAPL-copyConsent.json`,
  finalRedirect: `${CRUMB_DIR}/getCrumb-quote-AAPL-consent-final-redirect.html.json`,
  crumb: `${CRUMB_DIR}/getCrumb-getcrumb.json`,
} as const;
export const INVALID_CRUMB_FILES = [
  "quotes/yahoo/transcribed/http401_invalid_crumb_iprak-yahoofinance-94.json",
  "quotes/yahoo/transcribed/http401_invalid_crumb_feedback_url_sstrickx-yahoofinance-api-pr223.json",
] as const;

const YAHOO_HOSTS = /^https:\/\/(?:finance|guce|consent|query1|query2)\.yahoo\.com/;

/** `recorded` with its Location moved from Yahoo's hosts to the server that received `request`. */
export function relocated(recorded: ScriptedResponse, request: ReceivedRequest): ScriptedResponse {
  const headers = { ...recorded.headers };
  const location = headers.location;
  if (typeof location === "string") headers.location = location.replace(YAHOO_HOSTS, `http://${request.headers.host}`);
  return { ...recorded, headers };
}

/** The flow's routes: the cookie page (`cookiePage` recording), the consent pages and the crumb. */
export function crumbFlowRoutes(cookiePage: string = CRUMB_FILES.cookiePage): Route[] {
  const relocating = (file: string) => (request: ReceivedRequest) => relocated(replayWrapper(file), request);
  return [
    { path: "/quote/AAPL", respond: relocating(cookiePage) },
    { path: "/consent", respond: relocating(CRUMB_FILES.consent) },
    { path: "/v2/collectConsent", respond: relocating(CRUMB_FILES.collectConsent) },
    { path: "/v2/collectConsent", method: "POST", respond: relocating(CRUMB_FILES.collectConsentSubmit) },
    { path: "/copyConsent", respond: relocating(CRUMB_FILES.copyConsent) },
    { path: "/quote/AAPL/", respond: relocating(CRUMB_FILES.finalRedirect) },
    { path: "/v1/test/getcrumb", respond: replayWrapper(CRUMB_FILES.crumb) },
  ];
}

/** The recorded 401 "Invalid Crumb" (transcribed; 2023 wording by default). */
export function invalidCrumb(file: string = INVALID_CRUMB_FILES[0]): ScriptedResponse {
  return { status: 401, headers: { "content-type": "application/json" }, body: fixtureText(file) };
}

/** The recorded consent POST body: what the provider must send. */
export function recordedConsentForm(): string {
  return loadWrapper(CRUMB_FILES.collectConsentSubmit).requestBody ?? "";
}

/** The requests of one cookie-and-crumb flow, in order (method and path). */
export const FLOW_REQUESTS = [
  "GET /quote/AAPL",
  "GET /consent",
  "GET /v2/collectConsent",
  "POST /v2/collectConsent",
  "GET /copyConsent",
  "GET /v1/test/getcrumb",
] as const;
