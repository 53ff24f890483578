import type { ParseResult } from "./types";

/**
 * Parses and validates a key policy document given as a JSON string or an already-decoded value.
 * Never throws: every problem becomes a `ValidationError` with a JSON path.
 */
export function parsePolicy(input: unknown): ParseResult {
  void input;
  throw new Error("parsePolicy: not implemented yet");
}
