import path from "node:path";
import fastifyStatic from "@fastify/static";
import type { FastifyInstance } from "fastify";

/** URL prefix of the offline copy of Office.js. */
export const OFFICE_JS_PREFIX = "/office-js/";

/**
 * The Office.js files shipped in the @microsoft/office-js package. Pages load Office.js from
 * Microsoft's CDN in production; the preview and the browser tests, which cannot reach it,
 * get this copy.
 */
export function resolveOfficeJsDir(): string {
  return path.join(path.dirname(require.resolve("@microsoft/office-js/package.json")), "dist");
}

export interface StaticRoutesOptions {
  /** The built add-in: taskpane.html, functions.js, functions.json, manifest.xml, assets/. */
  staticDir: string;
  officeJsDir: string;
}

/** dist/node holds the compiled server and CLI, which are not part of the add-in. */
function isAddinPath(pathName: string): boolean {
  return !/^\/+node(?:\/|$)/i.test(pathName);
}

/** The built add-in at /, Office.js at /office-js/, and / itself redirects to the task pane. */
export function registerStaticRoutes(app: FastifyInstance, options: StaticRoutesOptions): void {
  app.register(fastifyStatic, {
    root: options.staticDir,
    prefix: "/",
    index: false,
    dotfiles: "ignore",
    allowedPath: (pathName) => isAddinPath(pathName),
    // Office caches add-in files aggressively; make it revalidate (ETag / Last-Modified).
    cacheControl: true,
    maxAge: 0,
    // The folder may not be built yet when the server starts; main.ts says so.
    suppressWarning: true,
  });
  app.register(fastifyStatic, {
    root: options.officeJsDir,
    prefix: OFFICE_JS_PREFIX,
    decorateReply: false,
    index: false,
    dotfiles: "ignore",
    maxAge: "1h",
  });
  app.get("/", async (_request, reply) => reply.redirect("/taskpane.html"));
}
