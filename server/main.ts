import type { AddressInfo } from "node:net";
import path from "node:path";
import type { FastifyInstance } from "fastify";
import { buildServer } from "./app";
import { ConfigError, readConfig, ServerConfig } from "./config";
import { readManifestOrigin, startupMessage, upstreamLine } from "./startup-message";
import { loadOrCreateCertificate, TlsMaterial } from "./tls";
import { createYahooProbe, UpstreamProbe } from "./upstream-probe";

/** The host name to show users: wildcard addresses are reached as localhost. */
function displayHost(host: string): string {
  if (host === "0.0.0.0" || host === "::" || host === "[::]") return "localhost";
  return host.includes(":") && !host.startsWith("[") ? `[${host}]` : host;
}

function boundPort(app: FastifyInstance, fallback: number): number {
  const address = app.server.address();
  return typeof address === "object" && address !== null ? (address as AddressInfo).port : fallback;
}

/** Closes the server on SIGINT/SIGTERM; a second signal, or a stuck close, exits at once. */
function closeOnSignals(app: FastifyInstance): void {
  let closing = false;
  const onSignal = (signal: NodeJS.Signals): void => {
    if (closing) process.exit(1);
    closing = true;
    console.log(`\n${signal}: stopping the Rotation Desk server...`);
    setTimeout(() => process.exit(1), 10_000).unref();
    app.close().then(
      () => process.exit(0),
      (error: Error) => {
        console.error(`error while stopping: ${error.message}`);
        process.exit(1);
      },
    );
  };
  process.on("SIGINT", onSignal);
  process.on("SIGTERM", onSignal);
}

export interface StartOptions {
  /** The default provider's reachability probe; defaults to Yahoo through the server's environment. */
  probe?: UpstreamProbe;
  /** Where the banner and the probe's line go (default console.log). */
  print?: (text: string) => void;
  /** Stop on SIGINT/SIGTERM (default true; tests that start servers in-process turn it off). */
  handleSignals?: boolean;
}

/**
 * Starts the server and prints the banner. The probe of the default provider runs alongside
 * start-up and never delays listening: its result is in the banner when it is already known, else
 * printed on a line of its own when it arrives, and /api/health reports it either way.
 */
export async function start(config: ServerConfig, options: StartOptions = {}): Promise<FastifyInstance> {
  const print = options.print ?? ((text: string) => console.log(text));
  const probe = options.probe ?? createYahooProbe();
  const probed = probe.run();

  let tls: TlsMaterial | null = null;
  if (config.protocol === "https") {
    tls = await loadOrCreateCertificate({ files: config.tlsFiles, certDir: config.certDir });
  }
  const app = buildServer({
    staticDir: config.staticDir,
    tls: tls && { cert: tls.cert, key: tls.key },
    logger: { level: config.logLevel },
    cacheSeconds: config.cacheSeconds,
    redisUrl: config.redisUrl,
    allowedOrigins: config.allowedOrigins,
    rateLimitPerMinute: config.rateLimitPerMinute,
    allowedHosts: config.allowedHosts,
    trustProxy: config.trustProxy,
    memoryCacheMb: config.memoryCacheMb,
    upstream: probe,
  });
  if (options.handleSignals ?? true) closeOnSignals(app);
  try {
    await app.listen({ host: config.host, port: config.port });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "EADDRINUSE") {
      throw new Error(`port ${config.port} on ${config.host} is in use: stop the other server or set PORT`, { cause: error });
    }
    throw error;
  }

  const url = `${config.protocol}://${displayHost(config.host)}:${boundPort(app, config.port)}/`;
  const manifestPath = path.join(config.staticDir, "manifest.xml");
  const known = probe.outcome().status.reachable !== null;
  print(
    startupMessage({
      url,
      manifestPath,
      manifestOrigin: readManifestOrigin(manifestPath),
      certificate: tls && {
        path: tls.certPath,
        selfSigned: tls.selfSigned,
        generated: tls.generated,
        validTo: tls.validTo,
        fingerprint: tls.fingerprint,
      },
      upstream: { outcome: probe.outcome(), target: probe.target },
    }),
  );
  if (!known) void probed.then((outcome) => print(upstreamLine(outcome, probe.target)));
  return app;
}

function main(): void {
  let config: ServerConfig;
  try {
    config = readConfig();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    console.error(`Rotation Desk server: ${error.message}`);
    process.exit(2);
  }
  start(config).catch((error: Error) => {
    console.error(`Rotation Desk server could not start: ${error.message}`);
    if (config.logLevel === "debug" || config.logLevel === "trace") console.error(error.stack);
    process.exit(1);
  });
}

if (require.main === module) main();
