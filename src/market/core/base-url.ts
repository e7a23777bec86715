/** `url` as scheme://host[:port][/path] without trailing slashes; throws a plain Error when it is not http(s). */
export function normalizeBaseUrl(url: string, what: string): string {
  const text = url.trim();
  let parsed: URL;
  try {
    parsed = new URL(text);
  } catch {
    throw new Error(`${what} must be an http(s) URL such as http://127.0.0.1:8080, got ${JSON.stringify(text)}`);
  }
  if (parsed.protocol !== "http:" && parsed.protocol !== "https:") {
    throw new Error(`${what} must start with http:// or https://, got ${JSON.stringify(text)}`);
  }
  if (parsed.search !== "" || parsed.hash !== "") {
    throw new Error(`${what} must not contain a query or fragment, got ${JSON.stringify(text)}`);
  }
  return `${parsed.origin}${parsed.pathname}`.replace(/\/+$/, "");
}
