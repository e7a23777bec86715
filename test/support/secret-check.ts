/**
 * Asserts that `secret` appears nowhere a caller, a log line or a crash report could show it:
 * message, string form, stack, and the error's own enumerable fields.
 */
export function expectSecretAbsent(error: unknown, secret: string): void {
  const forms = [secret, encodeURIComponent(secret)];
  const shown = [
    error instanceof Error ? error.message : "",
    String(error),
    error instanceof Error ? (error.stack ?? "") : "",
    JSON.stringify(error),
  ].join("\n");
  for (const form of forms) expect(shown).not.toContain(form);
}
