// LIKE: the pattern (% any run, _ one character, ESCAPE for a literal % or _) is translated to
// an anchored RegExp by escaping every other character: the pattern is data, never code.

const REGEXP_SPECIAL = /[\\^$.*+?()[\]{}|/-]/g;

export function likePattern(pattern: string, escapeChar: string | null = null): RegExp {
  let source = "";
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (escapeChar !== null && c === escapeChar && i + 1 < pattern.length) {
      source += pattern[++i].replace(REGEXP_SPECIAL, "\\$&");
    } else if (c === "%") source += "[\\s\\S]*";
    else if (c === "_") source += "[\\s\\S]";
    else source += c.replace(REGEXP_SPECIAL, "\\$&");
  }
  return new RegExp(`^${source}$`, "u");
}

const cache = new Map<string, RegExp>();

/** `s LIKE pattern [ESCAPE e]`, null if any argument is null. */
export function like(s: unknown, pattern: unknown, escapeChar: unknown = null): boolean | null {
  if (s == null || pattern == null) return null;
  const key = `${escapeChar ?? ""}\u0000${pattern}`;
  let re = cache.get(key);
  if (!re) {
    if (cache.size > 1000) cache.clear();
    re = likePattern(String(pattern), escapeChar == null ? null : String(escapeChar));
    cache.set(key, re);
  }
  return re.test(String(s));
}

export function notLike(s: unknown, pattern: unknown, escapeChar: unknown = null): boolean | null {
  const r = like(s, pattern, escapeChar);
  return r === null ? null : !r;
}
