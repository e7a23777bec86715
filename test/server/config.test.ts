import path from "node:path";
import { ConfigError, findRepoRoot, readConfig } from "../../server/config";
import { REPO_ROOT } from "./helpers";

const ROOT = "/srv/rotation-desk";
const CWD = "/home/analyst";

describe("readConfig", () => {
  it("defaults to HTTPS on localhost:3000 serving the repo's dist/ with certificates in .certs/", () => {
    expect(readConfig({}, ROOT, CWD)).toEqual({
      host: "localhost",
      port: 3000,
      protocol: "https",
      tlsFiles: null,
      certDir: path.join(ROOT, ".certs"),
      staticDir: path.join(ROOT, "dist"),
      cacheSeconds: 900,
      logLevel: "warn",
      allowedOrigins: [],
      rateLimitPerMinute: 600,
      redisUrl: null,
      repoRoot: ROOT,
    });
  });

  it("reads PORT, HOST, MKT_HTTP, MKT_STATIC_DIR, MKT_CERT_DIR, MKT_CACHE_SECONDS and MKT_LOG_LEVEL", () => {
    const config = readConfig(
      {
        PORT: "8443",
        HOST: "0.0.0.0",
        MKT_HTTP: "1",
        MKT_STATIC_DIR: "build",
        MKT_CERT_DIR: "/etc/desk",
        MKT_CACHE_SECONDS: "0",
        MKT_LOG_LEVEL: "info",
      },
      ROOT,
      CWD,
    );
    expect(config).toMatchObject({
      host: "0.0.0.0",
      port: 8443,
      protocol: "http",
      staticDir: path.join(CWD, "build"),
      certDir: "/etc/desk",
      cacheSeconds: 0,
      logLevel: "info",
    });
  });

  it("takes both TLS files, resolved from the working directory", () => {
    const config = readConfig({ MKT_TLS_CERT: "tls/cert.pem", MKT_TLS_KEY: "/keys/key.pem" }, ROOT, CWD);
    expect(config.tlsFiles).toEqual({ certPath: path.join(CWD, "tls/cert.pem"), keyPath: "/keys/key.pem" });
  });

  it.each([
    [{ PORT: "http" }, /PORT/],
    [{ PORT: "70000" }, /PORT/],
    [{ PORT: "-1" }, /PORT/],
    [{ PORT: "30.5" }, /PORT/],
    [{ MKT_HTTP: "maybe" }, /MKT_HTTP/],
    [{ MKT_TLS_CERT: "cert.pem" }, /MKT_TLS_KEY/],
    [{ MKT_TLS_KEY: "key.pem" }, /MKT_TLS_CERT/],
    [{ MKT_LOG_LEVEL: "loud" }, /MKT_LOG_LEVEL/],
    [{ MKT_CACHE_SECONDS: "5m" }, /MKT_CACHE_SECONDS/],
    [{ MKT_RATE_LIMIT_PER_MINUTE: "lots" }, /MKT_RATE_LIMIT_PER_MINUTE/],
    [{ MKT_ALLOWED_ORIGINS: "desk.example.com" }, /MKT_ALLOWED_ORIGINS/],
    [{ MKT_ALLOWED_ORIGINS: "https://desk.example.com/taskpane.html" }, /MKT_ALLOWED_ORIGINS/],
    [{ MKT_ALLOWED_ORIGINS: "ftp://desk.example.com" }, /MKT_ALLOWED_ORIGINS/],
    [{ MKT_ALLOWED_ORIGINS: "https://user:pw@desk.example.com" }, /MKT_ALLOWED_ORIGINS/],
    [{ REDIS_URL: "localhost:6379" }, /REDIS_URL/],
    [{ REDIS_URL: "http://127.0.0.1:6379" }, /REDIS_URL/],
  ])("rejects %j naming the variable", (env, message) => {
    expect(() => readConfig(env, ROOT, CWD)).toThrow(ConfigError);
    expect(() => readConfig(env, ROOT, CWD)).toThrow(message);
  });

  it("reads MKT_ALLOWED_ORIGINS as normalised origins, REDIS_URL and MKT_RATE_LIMIT_PER_MINUTE", () => {
    const config = readConfig(
      {
        MKT_ALLOWED_ORIGINS: " https://Desk.Example.com:443/, http://localhost:8080 ,https://desk.example.com",
        REDIS_URL: "redis://:secret@cache.internal:6379/2",
        MKT_RATE_LIMIT_PER_MINUTE: "0",
      },
      ROOT,
      CWD,
    );
    expect(config.allowedOrigins).toEqual(["https://desk.example.com", "http://localhost:8080"]);
    expect(config.redisUrl).toBe("redis://:secret@cache.internal:6379/2");
    expect(config.rateLimitPerMinute).toBe(0);
  });

  it("never repeats a REDIS_URL (it may hold a password) in its complaint", () => {
    expect(() => readConfig({ REDIS_URL: "http://:hunter2@host" }, ROOT, CWD)).toThrow(/REDIS_URL/);
    expect(() => readConfig({ REDIS_URL: "http://:hunter2@host" }, ROOT, CWD)).not.toThrow(/hunter2/);
  });

  it("treats MKT_HTTP=0 and an empty value as HTTPS", () => {
    expect(readConfig({ MKT_HTTP: "0" }, ROOT, CWD).protocol).toBe("https");
    expect(readConfig({ MKT_HTTP: "" }, ROOT, CWD).protocol).toBe("https");
  });
});

describe("findRepoRoot", () => {
  it("finds the checkout from the sources and from the compiled entry's folder", () => {
    expect(findRepoRoot(path.join(REPO_ROOT, "server"))).toBe(REPO_ROOT);
    expect(findRepoRoot(path.join(REPO_ROOT, "dist/node/server"))).toBe(REPO_ROOT);
  });
});
