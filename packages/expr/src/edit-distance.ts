// "Did you mean" suggestions: the closest candidate by case-insensitive edit distance
// (Damerau-Levenshtein, optimal string alignment), if it is close enough to be a typo.

export function editDistance(a: string, b: string): number {
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  const d: number[][] = Array.from({ length: x.length + 1 }, (_, i) => [i]);
  for (let j = 1; j <= y.length; j++) d[0][j] = j;
  for (let i = 1; i <= x.length; i++) {
    for (let j = 1; j <= y.length; j++) {
      const cost = x[i - 1] === y[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && x[i - 1] === y[j - 2] && x[i - 2] === y[j - 1]) {
        d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
      }
    }
  }
  return d[x.length][y.length];
}

/**
 * The nearest candidate within a third of the name's length (at least 1 edit), if any; never
 * one that shares nothing with the name (`X` is not a typo of `L`).
 */
export function closest(name: string, candidates: Iterable<string>): string | undefined {
  const limit = Math.max(1, Math.floor(name.length / 3));
  let best: string | undefined;
  let bestDistance = limit + 1;
  for (const c of candidates) {
    const distance = editDistance(name, c);
    if (distance < bestDistance && distance < Math.min(name.length, c.length)) {
      best = c;
      bestDistance = distance;
    }
  }
  return best;
}
