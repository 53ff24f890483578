/**
 * npm as a user's machine runs it, for the packaging tests: `npm pack` a workspace package into a
 * folder outside the repository, extract or install the tarball there. The registry is reached
 * through the machine's npm cache (`--prefer-offline`), so a warm cache makes these quick.
 */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

export const ROOT = path.join(__dirname, "..", "..");

/** How long one npm or tsc step may take: a cold install of @pulumi/aws takes minutes on a shared machine. */
export const STEP_TIMEOUT_MS = 8 * 60_000;

/**
 * The environment without what `npm test` exported to its scripts (npm_config_local_prefix and
 * the like would point a nested npm back at this repository); the cache and registry settings stay.
 */
export function userEnv(): NodeJS.ProcessEnv {
  const keep = new Set(["npm_config_cache", "npm_config_registry", "npm_config_userconfig"]);
  return Object.fromEntries(
    Object.entries(process.env).filter(([name]) => !name.toLowerCase().startsWith("npm_") || keep.has(name)),
  );
}

export interface Run {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs a command to completion; throws with its output when it fails. */
export function run(command: string, args: readonly string[], cwd: string, what: string): Run {
  const result = spawnSync(command, args, {
    cwd,
    env: userEnv(),
    encoding: "utf8",
    timeout: STEP_TIMEOUT_MS,
    maxBuffer: 64 * 1024 * 1024,
  });
  if (result.error) throw new Error(`${what}: ${result.error.message}`);
  if (result.status !== 0) {
    const output = `${result.stdout}\n${result.stderr}`.trim().split("\n").slice(-40).join("\n");
    throw new Error(`${what} failed (exit ${result.status}):\n${output}`);
  }
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** A new empty folder outside the repository (and outside any npm workspace). */
export function tempDir(label: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), `kms-guardrails-${label}-`));
}

export interface Tarball {
  readonly file: string;
  /** Paths inside the tarball, relative to its `package/` folder, sorted. */
  readonly files: readonly string[];
}

/** `npm pack` of a workspace package (its `prepack` runs, as for `pulumi policy publish`), into `dest`. */
export function pack(packageDir: string, dest: string): Tarball {
  const before = new Set(fs.readdirSync(dest));
  run("npm", ["pack", "--pack-destination", dest, "--loglevel=error"], packageDir, `npm pack in ${packageDir}`);
  const made = fs.readdirSync(dest).filter((f) => f.endsWith(".tgz") && !before.has(f));
  if (made.length !== 1) throw new Error(`npm pack in ${packageDir} made ${made.length} tarballs in ${dest}`);
  const file = path.join(dest, made[0]);
  const listing = run("tar", ["-tzf", file], dest, `listing ${file}`).stdout;
  const files = listing
    .split("\n")
    .filter((line) => line && !line.endsWith("/"))
    .map((line) => line.replace(/^package\//, ""))
    .sort();
  return { file, files };
}

/** Extracts a tarball into `dest`; returns the package folder (npm tarballs hold one `package/`). */
export function extract(tarball: Tarball, dest: string): string {
  run("tar", ["-xzf", tarball.file, "-C", dest], dest, `extracting ${tarball.file}`);
  return path.join(dest, "package");
}

/** What the tarball lacks and what it has beyond `expected`, as one message, or "" when it matches. */
export function fileListDifference(tarball: Tarball, expected: readonly string[]): string {
  const missing = expected.filter((f) => !tarball.files.includes(f));
  const extra = tarball.files.filter((f) => !expected.includes(f));
  return [
    missing.length > 0 ? `missing from ${path.basename(tarball.file)}: ${missing.join(", ")}` : "",
    extra.length > 0 ? `not expected in ${path.basename(tarball.file)}: ${extra.join(", ")}` : "",
  ]
    .filter(Boolean)
    .join("; ");
}

/** The module a Node.js "Cannot find module" error names, if the text holds one. */
export function missingModule(text: string): string | undefined {
  return /Cannot find module '([^']+)'/.exec(text)?.[1];
}

export function readJson<T>(file: string): T {
  return JSON.parse(fs.readFileSync(file, "utf8")) as T;
}
