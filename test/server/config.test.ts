import os from "node:os";
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
      allowedHosts: ["localhost", "127.0.0.1", "::1"],
      trustProxy: [],
      memoryCacheMb: 256,
      quoteIntervalSeconds: 15,
      repoRoot: ROOT,
    });
  });

  it("reads MKT_QUOTE_INTERVAL_SECONDS as whole seconds from 1 to an hour, naming the setting otherwise", () => {
    expect(readConfig({ MKT_QUOTE_INTERVAL_SECONDS: "60" }, ROOT, CWD).quoteIntervalSeconds).toBe(60);
    for (const bad of ["0", "1.5", "3601", "soon"]) {
      expect(() => readConfig({ MKT_QUOTE_INTERVAL_SECONDS: bad }, ROOT, CWD)).toThrow(/MKT_QUOTE_INTERVAL_SECONDS must be a whole number/);
    }
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
    [{ MKT_ALLOWED_HOSTS: "https://desk.example.com" }, /MKT_ALLOWED_HOSTS/],
    [{ MKT_ALLOWED_HOSTS: "desk.example.com:3000" }, /MKT_ALLOWED_HOSTS/],
    [{ MKT_ALLOWED_HOSTS: "desk.example.com/x" }, /MKT_ALLOWED_HOSTS/],
    [{ MKT_ALLOWED_HOSTS: "desk!.example.com" }, /MKT_ALLOWED_HOSTS/],
    [{ MKT_TRUST_PROXY: "proxy.internal" }, /MKT_TRUST_PROXY/],
    [{ MKT_TRUST_PROXY: "10.0.0.0/33" }, /MKT_TRUST_PROXY/],
    [{ MKT_TRUST_PROXY: "10.0.0.1/8/1" }, /MKT_TRUST_PROXY/],
    [{ MKT_TRUST_PROXY: "true" }, /MKT_TRUST_PROXY/],
    [{ MKT_MEMORY_CACHE_MB: "0" }, /MKT_MEMORY_CACHE_MB/],
    [{ MKT_MEMORY_CACHE_MB: "1g" }, /MKT_MEMORY_CACHE_MB/],
    [{ MKT_MEMORY_CACHE_MB: "-5" }, /MKT_MEMORY_CACHE_MB/],
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

  it("reads MKT_ALLOWED_HOSTS (replacing the default names), MKT_TRUST_PROXY and MKT_MEMORY_CACHE_MB", () => {
    const config = readConfig(
      {
        MKT_ALLOWED_HOSTS: " Desk.Example.com, localhost,[::1] ,10.0.0.5",
        MKT_TRUST_PROXY: "10.0.0.1, 192.168.0.0/16 ::1 fd00::/8",
        MKT_MEMORY_CACHE_MB: "64",
      },
      ROOT,
      CWD,
    );
    expect(config.allowedHosts).toEqual(["desk.example.com", "localhost", "::1", "10.0.0.5"]);
    expect(config.trustProxy).toEqual(["10.0.0.1", "192.168.0.0/16", "::1", "fd00::/8"]);
    expect(config.memoryCacheMb).toBe(64);
  });

  it("answers for HOST besides the loopback names, and for this machine's names when HOST is every interface", () => {
    expect(readConfig({ HOST: "desk.internal" }, ROOT, CWD).allowedHosts).toEqual(["localhost", "127.0.0.1", "::1", "desk.internal"]);
    const wildcard = readConfig({ HOST: "0.0.0.0" }, ROOT, CWD).allowedHosts;
    expect(wildcard).toEqual(expect.arrayContaining(["localhost", "127.0.0.1", "::1", os.hostname().toLowerCase()]));
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
