// Shared by the preflight tests: the CLI run in-process, and programs written to a temporary folder.
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { PassThrough } from "node:stream";
import { main } from "../../components/src/preflight/cli";

export const ROOT = path.join(__dirname, "..", "..");
export const FIXTURES = path.join(ROOT, "test", "fixtures");
export const TINY_PROGRAM = path.join(FIXTURES, "programs", "tiny");
export const TINY_PACK = path.join(FIXTURES, "packs", "tiny");
export const ACCOUNT = ["--account", "111122223333", "--region", "us-east-1"];
/** The repository's policy pack (its compiled bundle, after `npm run build`). */
export const PACK_DIR = path.join(ROOT, "policypack");

/** The statements of a key policy given as a JSON string (AWS Classic) or an object (AWS Native). */
export function statementsOf(policy: unknown): Record<string, unknown>[] {
  const doc = typeof policy === "string" ? (JSON.parse(policy) as unknown) : policy;
  return (doc as { Statement: Record<string, unknown>[] }).Statement;
}

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

export async function runCli(...argv: string[]): Promise<CliRun> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const out: string[] = [];
  const err: string[] = [];
  stdout.on("data", (c: Buffer) => out.push(c.toString()));
  stderr.on("data", (c: Buffer) => err.push(c.toString()));
  const code = await main(argv, { stdout, stderr });
  return { code, stdout: out.join(""), stderr: err.join("") };
}

/**
 * Writes `files` (relative path → text) into a new folder outside the repository, whose node_modules links
 * to ours, so the program loads the same @pulumi/pulumi and no tsconfig.json of the repository is near it.
 */
export function writeProgram(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "preflight-test-"));
  fs.symlinkSync(path.join(ROOT, "node_modules"), path.join(dir, "node_modules"), "dir");
  for (const [file, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.writeFileSync(path.join(dir, file), text);
  }
  return dir;
}

export function removeProgram(dir: string): void {
  fs.rmSync(dir, { recursive: true, force: true });
}

/** A program over the tiny fixture's made-up provider: one bucket named `name`. */
export const BUCKET_PROGRAM = `import * as pulumi from "@pulumi/pulumi";

class Bucket extends pulumi.CustomResource {
  constructor(name: string, args: Record<string, unknown>) {
    super("test:index:Bucket", name, args);
  }
}

new Bucket("only", { acl: "private" });
`;
