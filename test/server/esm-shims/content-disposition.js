"use strict";
/**
 * CommonJS stand-in for content-disposition 3 (ESM-only; see README.md). Node >= 20.19 can require()
 * it, jest's module loader cannot (before Node 24.9). @fastify/static needs it only for
 * reply.download(), which Rotation Desk never calls; this version is still correct for it.
 */
function encodeRfc5987(text) {
  return encodeURIComponent(text).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

function create(filename, options) {
  const type = (options && options.type) || "attachment";
  if (filename === undefined) return type;
  const name = String(filename).split(/[\\/]/).pop();
  const fallback = name.replace(/[^\x20-\x7e]|["\\]/g, "_");
  let header = `${type}; filename="${fallback}"`;
  if (fallback !== name) header += `; filename*=UTF-8''${encodeRfc5987(name)}`;
  return header;
}

module.exports = { create };
