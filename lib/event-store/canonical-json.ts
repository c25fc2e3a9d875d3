import canonicalize from "canonicalize";

/**
 * RFC 8785 canonical JSON, exactly as the canonicalize package writes it (a
 * property test holds the two equal), built in one pass: the package rebuilds
 * each level's string through template literals, which made it half the cost
 * of hashing an event. Anything but JSON's own kinds goes to the package.
 */
export function canonicalJson(value: unknown): string {
  switch (typeof value) {
    case "string":
      return JSON.stringify(value);
    case "boolean":
      return value ? "true" : "false";
    case "number":
      // NaN and Infinity are refused by the package, in its words.
      return Number.isFinite(value) ? JSON.stringify(value) : canonicalize(value)!;
    case "object":
      return value === null ? "null" : canonicalObject(value);
    default:
      return canonicalize(value)!;
  }
}

function canonicalObject(value: object): string {
  if (typeof (value as { toJSON?: unknown }).toJSON === "function") {
    return canonicalJson((value as { toJSON(): unknown }).toJSON());
  }
  if (Array.isArray(value)) {
    let out = "[";
    for (let i = 0; i < value.length; i++) {
      const item: unknown = value[i];
      if (i > 0) out += ",";
      out += item === undefined || typeof item === "symbol" ? "null" : canonicalJson(item);
    }
    return out + "]";
  }
  const record = value as Record<string, unknown>;
  let out = "{";
  let first = true;
  for (const key of Object.keys(record).sort()) {
    const item = record[key];
    if (item === undefined || typeof item === "symbol") continue;
    out += (first ? "" : ",") + JSON.stringify(key) + ":" + canonicalJson(item);
    first = false;
  }
  return out + "}";
}
