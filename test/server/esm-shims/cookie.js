"use strict";
/**
 * CommonJS stand-in for cookie 2 (ESM-only; see README.md). light-my-request calls only
 * stringifySetCookie({ name, value }) to build the Cookie header of an injected request.
 */
function stringifySetCookie(cookie) {
  return `${cookie.name}=${encodeURIComponent(cookie.value)}`;
}

function stringifyCookie(cookies) {
  return Object.entries(cookies)
    .map(([name, value]) => `${name}=${encodeURIComponent(value)}`)
    .join("; ");
}

function unsupported(name) {
  return () => {
    throw new Error(`cookie.${name} is not available in the jest stand-in (test/server/esm-shims)`);
  };
}

module.exports = {
  stringifySetCookie,
  stringifyCookie,
  parseCookie: unsupported("parseCookie"),
  parseSetCookie: unsupported("parseSetCookie"),
};
