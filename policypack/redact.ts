/**
 * Violation messages never print a secret (issue 6): a key policy marked secret is analyzed like
 * any other, and every string of it that could identify an account, a role, a network or a Sid is
 * replaced in the message by `[secret]` (model/secrets.ts says which strings). Messages are built by
 * many rules from many parts (lint findings, parse errors, statement names, condition explanations,
 * suggested fixes that echo a statement); scrubbing the finished text at the one place every
 * message passes is what guarantees none of them leaks.
 */
export const REDACTED = "[secret]";

/** The engine shortens long quoted values to a prefix and `…` (parse-context.ts `truncate`). */
const ELLIPSIS = "…";
/** Shorter prefixes are left alone: they say too little, and would match innocent text. */
const MIN_PREFIX = 12;

/** The spellings of a secret a message can contain: as is, and escaped inside a JSON string. */
function spellings(secrets: readonly string[]): string[] {
  const all = new Set<string>();
  for (const s of secrets) {
    all.add(s);
    all.add(JSON.stringify(s).slice(1, -1));
  }
  // Longest first, so a string that contains another is withheld whole.
  return [...all].sort((a, b) => b.length - a.length);
}

/** Every occurrence of `s`, in any letter case (no RegExp: a secret may be longer than one can be). */
function withoutOne(message: string, s: string): string {
  const needle = s.toLowerCase();
  // Lower-casing keeps lengths for the characters policies hold; where it would not, match exactly.
  const lower = message.toLowerCase();
  const hay = lower.length === message.length && needle.length === s.length ? lower : message;
  const find = hay === message ? s : needle;
  let at = hay.indexOf(find);
  if (at < 0) return message;
  let out = "";
  let from = 0;
  while (at >= 0) {
    out += message.slice(from, at) + REDACTED;
    from = at + find.length;
    at = hay.indexOf(find, from);
  }
  return out + message.slice(from);
}

function withoutWhole(message: string, forms: readonly string[]): string {
  let out = message;
  for (const s of forms) out = withoutOne(out, s);
  return out;
}

/** The length of the longest prefix of `secret` (at least MIN_PREFIX long) that `before` ends with; 0 if none. */
function prefixBefore(before: string, secret: string): number {
  const head = secret.slice(0, MIN_PREFIX);
  if (head.length < MIN_PREFIX) return 0;
  // Only where the secret's first characters occur can a prefix of it end at the ellipsis.
  // A prefix is no longer than the secret: start where one could begin.
  const first = Math.max(0, before.length - secret.length);
  for (let p = before.indexOf(head, first); p >= 0; p = before.indexOf(head, p + 1)) {
    const tail = before.slice(p);
    if (secret.startsWith(tail)) return tail.length;
  }
  return 0;
}

/** A shortened secret: the longest prefix of one right before an ellipsis. */
function withoutPrefixes(message: string, forms: readonly string[]): string {
  let out = message;
  for (let at = out.indexOf(ELLIPSIS); at >= 0; at = out.indexOf(ELLIPSIS, at + 1)) {
    const before = out.slice(0, at).toLowerCase();
    let cut = 0;
    for (const s of forms) cut = Math.max(cut, prefixBefore(before, s.toLowerCase()));
    if (cut > 0) {
      out = out.slice(0, at - cut) + REDACTED + out.slice(at);
      at = at - cut + REDACTED.length;
    }
  }
  return out;
}

/**
 * `message` with every occurrence of the secret strings, in any letter case, withheld. Should
 * anything go wrong, the whole message is withheld: a finding without details beats a leak.
 */
export function redact(message: string, secrets: readonly string[] | undefined): string {
  if (secrets === undefined || secrets.length === 0) return message;
  try {
    const forms = spellings(secrets);
    return withoutPrefixes(withoutWhole(message, forms), forms);
  } catch {
    return `The details of this finding are withheld: they would print parts of a secret key policy.`;
  }
}
