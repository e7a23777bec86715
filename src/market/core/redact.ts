/** What a secret is replaced with in messages and logs. */
export const REDACTED = "[redacted]";

/** Query parameters that carry credentials at the providers we call (compared case-insensitively). */
const SECRET_QUERY_NAMES: ReadonlySet<string> = new Set(["apikey", "api_key", "token", "key", "access_token"]);

/**
 * `text` with every occurrence of each secret replaced by "[redacted]": as given, trimmed, and in
 * its URL-encoded forms (percent-encoding and form-encoding), since keys reach messages inside URLs.
 */
export function redactSecrets(text: string, secrets: readonly string[]): string {
  const forms = new Set<string>();
  for (const secret of secrets) {
    for (const variant of [secret, secret.trim()]) {
      if (variant === "") continue;
      forms.add(variant);
      for (const encoded of urlEncodings(variant)) forms.add(encoded);
    }
  }
  if (forms.size === 0) return text;
  // One pass over all forms, longest first, so a replaced part is never matched again.
  const alternatives = [...forms].sort((a, b) => b.length - a.length).map(escapeRegExp);
  return text.replace(new RegExp(alternatives.join("|"), "g"), REDACTED);
}

/**
 * `url` (absolute, or a path with a query as in server logs) with the values of credential-like
 * query parameters and any userinfo password masked. Everything else is kept byte for byte.
 */
export function redactUrlQuery(url: string): string {
  const hashAt = url.indexOf("#");
  const beforeHash = hashAt === -1 ? url : url.slice(0, hashAt);
  const hash = hashAt === -1 ? "" : url.slice(hashAt);
  const queryAt = beforeHash.indexOf("?");
  const head = maskUserinfoPassword(queryAt === -1 ? beforeHash : beforeHash.slice(0, queryAt));
  if (queryAt === -1) return head + hash;
  const query = beforeHash
    .slice(queryAt + 1)
    .split("&")
    .map(maskParameter)
    .join("&");
  return `${head}?${query}${hash}`;
}

function maskParameter(part: string): string {
  const equalsAt = part.indexOf("=");
  if (equalsAt === -1) return part;
  const rawName = part.slice(0, equalsAt);
  return SECRET_QUERY_NAMES.has(decodeQueryName(rawName).toLowerCase()) ? `${rawName}=${REDACTED}` : part;
}

function maskUserinfoPassword(head: string): string {
  return head.replace(/^([a-z][a-z0-9+.-]*:\/\/[^/@:]*):[^/@]*@/i, `$1:${REDACTED}@`);
}

function decodeQueryName(name: string): string {
  try {
    return decodeURIComponent(name.replace(/\+/g, " "));
  } catch {
    return name;
  }
}

function urlEncodings(secret: string): string[] {
  try {
    return [encodeURIComponent(secret), new URLSearchParams({ s: secret }).toString().slice("s=".length)];
  } catch {
    return []; // lone surrogates cannot be encoded, so they cannot appear encoded either
  }
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
