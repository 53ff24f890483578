/**
 * JSON paths in the form the parser reports them: `$.Statement[2].Condition.StringEquals` for
 * identifier-like member names and `$.Statement[0].Condition.StringLike["kms:EncryptionContext:aws:cloudtrail:arn"]`
 * for the rest, so every path can be pasted into a JSONPath tool.
 *
 * Documents can nest 100 000 levels deep, so paths are built lazily from parent links (a path is
 * only spelled out when something is reported there) and are cut short past `MAX_PATH_DEPTH`
 * levels: a quadratic pile of path strings would cost more than the document itself.
 */

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;
const MAX_PATH_DEPTH = 64;

const suffixes = new Map<string, string>();

/** Appends one member name or array index to a path. */
export function childPath(parent: string, selector: string | number): string {
  if (typeof selector === "number") return `${parent}[${selector}]`;
  // Policies repeat the same few names; formatting them once keeps path building cheap.
  let suffix = suffixes.get(selector);
  if (suffix === undefined) {
    suffix = IDENTIFIER.test(selector) ? `.${selector}` : `[${JSON.stringify(selector)}]`;
    if (selector.length <= 128) {
      if (suffixes.size >= 2_000) suffixes.clear();
      suffixes.set(selector, suffix);
    }
  }
  return parent + suffix;
}

/** A node of a document being walked: its parent and how the parent reaches it. */
export class PathNode {
  readonly depth: number;
  /** The ancestor whose path stands for this node's when the path is cut short. */
  private readonly anchor: PathNode;
  private memo: string | undefined;

  private constructor(
    readonly parent: PathNode | undefined,
    readonly selector: string | number | undefined,
  ) {
    this.depth = parent === undefined ? 0 : parent.depth + 1;
    this.anchor = parent !== undefined && this.depth > MAX_PATH_DEPTH ? parent.anchor : this;
  }

  static root(): PathNode {
    return new PathNode(undefined, undefined);
  }

  child(selector: string | number): PathNode {
    return new PathNode(this, selector);
  }

  /** The path of this node; deeper than `MAX_PATH_DEPTH` levels it ends in `…`. */
  path(): string {
    if (this.anchor !== this) return this.anchor.path() + "…";
    if (this.memo !== undefined) return this.memo;
    // Iterative: walk up to the nearest memoized ancestor, then spell the path downwards.
    const chain: PathNode[] = [this];
    let node: PathNode | undefined = this.parent;
    while (node !== undefined && node.memo === undefined) {
      chain.push(node);
      node = node.parent;
    }
    let text = node?.memo ?? "$";
    for (let i = chain.length - 1; i >= 0; i--) {
      const current = chain[i];
      if (current.selector !== undefined) text = childPath(text, current.selector);
      current.memo = text;
    }
    return text;
  }

  /** The path of a child without allocating a node for it. */
  childPath(selector: string | number): string {
    const base = this.path();
    return this.anchor !== this || this.depth >= MAX_PATH_DEPTH
      ? base + (base.endsWith("…") ? "" : "…")
      : childPath(base, selector);
  }
}
