/**
 * "Did you mean" suggestions for misspelled names (condition operators, policy elements, KMS
 * actions). Bounded work: long inputs get no suggestion, so a 100 KB key cannot make this slow.
 */

const MAX_SUGGEST_LENGTH = 64;

/** Levenshtein distance, or `limit + 1` as soon as it is known to exceed `limit`. */
export function editDistance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let previous = new Array<number>(b.length + 1);
  let current = new Array<number>(b.length + 1);
  for (let j = 0; j <= b.length; j++) previous[j] = j;
  for (let i = 1; i <= a.length; i++) {
    current[0] = i;
    let rowMin = i;
    const ca = a.charCodeAt(i - 1);
    for (let j = 1; j <= b.length; j++) {
      const cost = ca === b.charCodeAt(j - 1) ? 0 : 1;
      const value = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost);
      current[j] = value;
      if (value < rowMin) rowMin = value;
    }
    if (rowMin > limit) return limit + 1;
    [previous, current] = [current, previous];
  }
  return previous[b.length];
}

/**
 * The candidate closest to `input`, compared case-insensitively, when it is close enough to be a
 * plausible typo: a case-only difference always qualifies, otherwise at most a third of the length
 * (and at most 3) edits.
 */
export function closestMatch(input: string, candidates: Iterable<string>): string | undefined {
  if (input.length === 0 || input.length > MAX_SUGGEST_LENGTH) return undefined;
  const lower = input.toLowerCase();
  const limit = Math.min(3, Math.max(1, Math.floor(input.length / 3)));
  let best: string | undefined;
  let bestDistance = limit + 1;
  for (const candidate of candidates) {
    const distance = editDistance(lower, candidate.toLowerCase(), limit);
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
      if (distance === 0) break;
    }
  }
  return best;
}
