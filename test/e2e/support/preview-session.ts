import path from "node:path";
import fs from "node:fs";
import type { FastifyInstance } from "fastify";
import { Browser, BrowserContext, chromium, Page } from "playwright-core";
import { buildServer, BuildServerOptions } from "../../../server/app";
import { HistoryStore, YahooProvider } from "../../../src/market";
import { startReplayServer, type ReplayServer } from "../../support/replay-server";
import { CHROMIUM_BIN } from "../../support/services";
import { yahooRoutes } from "./yahoo-routes";

export const REPO_ROOT = path.resolve(__dirname, "../../..");
export const DIST_DIR = path.join(REPO_ROOT, "dist");
export const RESULTS_DIR = path.join(REPO_ROOT, "test-results");

const LOOPBACK_HOSTS = new Set(["127.0.0.1", "localhost", "[::1]"]);
const OFFICE_TELEMETRY_HOST = "telemetryservice.firstpartyapps.oaspapps.com";

export interface OpenOptions {
  /** The page to open; default /preview.html. */
  readonly path?: string;
  /** Browser window size; default 1280 × 900. */
  readonly viewport?: { readonly width: number; readonly height: number };
  /** Runs before the page loads: page routes (which take precedence over the session's), a clock… */
  readonly beforeGoto?: (page: Page) => Promise<unknown>;
  /** Wait for the pane's tabs (default true; false for pages that stop before the pane starts). */
  readonly waitForPane?: boolean;
}

/** The real server over the built add-in, its Yahoo relay replaying recordings, and a headless Chromium. */
export interface PreviewSession {
  readonly origin: string;
  readonly yahoo: ReplayServer;
  readonly browser: Browser;
  /** Uncaught errors in any page of the session: a test ends by expecting none. */
  readonly pageErrors: string[];
  /** Requests the pages tried to send beyond this machine; they are blocked (tests stay offline). */
  readonly externalRequests: string[];
  /** A fresh browser profile (empty storage) on /preview.html (or `options.path`), ready for input. */
  open(options?: OpenOptions): Promise<Page>;
  close(): Promise<void>;
}

/**
 * How the session's server is built, besides the built add-in: by default every provider's store is
 * the replayed Yahoo's; a test file may build it otherwise (e.g. a keyed provider replayed on
 * loopback with the server's own plan limits), given the replayed Yahoo's URL.
 */
export type SessionServer = (yahooUrl: string) => Omit<BuildServerOptions, "staticDir">;

const YAHOO_EVERYWHERE: SessionServer = (yahooUrl) => ({ createStore: () => new HistoryStore(new YahooProvider({ baseUrl: yahooUrl })) });

export async function startPreviewSession(serverOptions: SessionServer = YAHOO_EVERYWHERE): Promise<PreviewSession> {
  if (!fs.existsSync(path.join(DIST_DIR, "preview.html"))) {
    throw new Error(`${DIST_DIR}/preview.html is missing: run \`npm run build:addin\` before the browser tests`);
  }
  const yahoo = await startReplayServer(yahooRoutes());
  const server: FastifyInstance = buildServer({ ...serverOptions(yahoo.url), staticDir: DIST_DIR });
  const origin = await server.listen({ host: "127.0.0.1", port: 0 });
  const browser = await chromium.launch({ executablePath: CHROMIUM_BIN, args: ["--headless", "--no-sandbox", "--disable-gpu"] });
  const contexts: BrowserContext[] = [];
  const pageErrors: string[] = [];
  const externalRequests: string[] = [];

  const open = async (options: OpenOptions = {}): Promise<Page> => {
    const context = await browser.newContext({ viewport: options.viewport ?? { width: 1280, height: 900 } });
    contexts.push(context);
    // Cells and pane must go through the relay (the recorded Yahoo answers), never the demo provider.
    await context.addInitScript(() => {
      try {
        if (window.localStorage.getItem("rotation-desk.provider") === null) window.localStorage.setItem("rotation-desk.provider", "yahoo");
      } catch {
        // Frames without storage (Office.js's sandboxed helper frames) have no settings to seed.
      }
    });
    await context.route(
      (url) => !LOOPBACK_HOSTS.has(url.hostname),
      async (route) => {
        const url = new URL(route.request().url());
        // Office.js itself opens a telemetry frame when it runs outside Office; blocked, not ours to fix.
        if (url.hostname !== OFFICE_TELEMETRY_HOST) externalRequests.push(url.href);
        await route.abort("blockedbyclient");
      },
    );
    const page = await context.newPage();
    page.on("pageerror", (error) => pageErrors.push(error.message));
    await options.beforeGoto?.(page);
    await page.goto(`${origin}${options.path ?? "/preview.html"}`);
    if (options.waitForPane ?? true) await page.getByRole("tab", { name: "Baskets" }).waitFor();
    return page;
  };

  return {
    origin,
    yahoo,
    browser,
    pageErrors,
    externalRequests,
    open,
    close: async () => {
      for (const context of contexts) await context.close();
      await browser.close();
      await server.close();
      await yahoo.close();
    },
  };
}

/**
 * One preview session for a test file: started before its tests, closed after them, and after each
 * test a check that the page threw nothing and asked nothing of the internet. The returned object
 * stands for the session, which exists only once beforeAll has run.
 */
export function usePreviewSession(serverOptions?: SessionServer): PreviewSession {
  let session: PreviewSession | undefined;
  beforeAll(async () => {
    session = await startPreviewSession(serverOptions);
  });
  afterAll(async () => session?.close());
  afterEach(() => {
    expect(session?.pageErrors.splice(0)).toEqual([]);
    expect(session?.externalRequests.splice(0)).toEqual([]);
  });
  return new Proxy({} as PreviewSession, {
    get(_target, property) {
      if (session === undefined) throw new Error("the preview session is used before beforeAll started it");
      const value = Reflect.get(session, property) as unknown;
      return typeof value === "function" ? value.bind(session) : value;
    },
  });
}
