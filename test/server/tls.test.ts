import { X509Certificate } from "node:crypto";
import fs from "node:fs";
import https from "node:https";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { buildServer } from "../../server/app";
import { loadOrCreateCertificate, TlsError } from "../../server/tls";
import { makeStaticDir, removeTempDirs, tempDir } from "./helpers";

afterAll(removeTempDirs);

const DAY = 24 * 3600 * 1000;

describe("the TLS certificate", () => {
  it("is generated on first run, stored, then reused", async () => {
    const certDir = path.join(tempDir("certs"), ".certs");
    const first = await loadOrCreateCertificate({ certDir });
    expect(first.generated).toBe(true);
    expect(first.selfSigned).toBe(true);
    expect(first.certPath).toBe(path.join(certDir, "cert.pem"));
    expect(fs.readFileSync(first.certPath, "utf8")).toBe(first.cert);
    expect(fs.readFileSync(first.keyPath, "utf8")).toBe(first.key);
    if (process.platform !== "win32") expect(fs.statSync(first.keyPath).mode & 0o077).toBe(0);

    const second = await loadOrCreateCertificate({ certDir });
    expect(second.generated).toBe(false);
    expect(second.cert).toBe(first.cert);
    expect(second.key).toBe(first.key);
    expect(second.fingerprint).toBe(first.fingerprint);
  });

  it("covers localhost, 127.0.0.1 and ::1 for a year as a server (not CA) certificate", async () => {
    const { cert, validTo } = await loadOrCreateCertificate({ certDir: tempDir("certs") });
    const x509 = new X509Certificate(cert);
    expect(x509.checkHost("localhost")).toBe("localhost");
    expect(x509.checkIP("127.0.0.1")).toBe("127.0.0.1");
    expect(x509.checkIP("::1")).toBe("::1");
    expect(x509.ca).toBe(false);
    expect(validTo.getTime() - Date.now()).toBeGreaterThan(360 * DAY);
    expect(validTo.getTime() - Date.now()).toBeLessThan(400 * DAY);
  });

  it("replaces a stored certificate that is about to expire", async () => {
    const certDir = tempDir("certs");
    const old = await loadOrCreateCertificate({ certDir });
    const later = await loadOrCreateCertificate({ certDir, now: new Date(old.validTo.getTime() - DAY) });
    expect(later.generated).toBe(true);
    expect(later.cert).not.toBe(old.cert);
  });

  it("replaces a stored pair whose key does not match or is damaged", async () => {
    const certDir = tempDir("certs");
    const a = await loadOrCreateCertificate({ certDir });
    const other = await loadOrCreateCertificate({ certDir: tempDir("certs") });
    fs.writeFileSync(a.keyPath, other.key);
    const b = await loadOrCreateCertificate({ certDir });
    expect(b.generated).toBe(true);
    fs.writeFileSync(b.certPath, "not a certificate");
    expect((await loadOrCreateCertificate({ certDir })).generated).toBe(true);
  });

  it("uses configured files as they are and never overwrites them", async () => {
    const source = await loadOrCreateCertificate({ certDir: tempDir("certs") });
    const unused = tempDir("certs");
    const given = await loadOrCreateCertificate({ files: { certPath: source.certPath, keyPath: source.keyPath }, certDir: unused });
    expect(given.generated).toBe(false);
    expect(given.selfSigned).toBe(false);
    expect(given.cert).toBe(source.cert);
    expect(fs.readdirSync(unused)).toEqual([]);
  });

  it("names the problem when configured files are missing or mismatched", async () => {
    const dir = tempDir("certs");
    await expect(
      loadOrCreateCertificate({ files: { certPath: path.join(dir, "nope.pem"), keyPath: path.join(dir, "nope.key") }, certDir: dir }),
    ).rejects.toThrow(/MKT_TLS_CERT/);
    const a = await loadOrCreateCertificate({ certDir: tempDir("certs") });
    const b = await loadOrCreateCertificate({ certDir: tempDir("certs") });
    await expect(loadOrCreateCertificate({ files: { certPath: a.certPath, keyPath: b.keyPath }, certDir: dir })).rejects.toThrow(TlsError);
  });

  it("serves HTTPS with it", async () => {
    const tls = await loadOrCreateCertificate({ certDir: tempDir("certs") });
    const app = buildServer({ staticDir: makeStaticDir(), tls });
    await app.listen({ host: "127.0.0.1", port: 0 });
    try {
      const { port } = app.server.address() as AddressInfo;
      const body = await new Promise<string>((resolve, reject) => {
        https
          .get({ host: "127.0.0.1", port, path: "/api/health", ca: tls.cert, servername: "localhost" }, (res) => {
            let text = "";
            res.on("data", (chunk) => (text += chunk));
            res.on("end", () => resolve(text));
          })
          .on("error", reject);
      });
      expect(JSON.parse(body).ok).toBe(true);
    } finally {
      await app.close();
    }
  });
});
