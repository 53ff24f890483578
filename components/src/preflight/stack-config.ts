/**
 * Stack configuration as `pulumi preview --stack NAME -c key=value` gives it to a program: the project's
 * config defaults (Pulumi.yaml `config:`), then Pulumi.NAME.yaml (beside Pulumi.yaml, or in the project's
 * `stackConfigDir`), then each `-c key=value`. Keys without a namespace belong to the project
 * (`bucketName` → `myproject:bucketName`); provider keys keep theirs (`aws:region`). Structured values are
 * passed as JSON, as the CLI does, so `config.requireObject` reads them.
 *
 * A `secure:` value cannot be decrypted offline: unless a `-c` overrides it, it is an error naming the key
 * and the flag that gives a stand-in value.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { parse as parseYaml } from "yaml";
import { UsageError } from "./failure";
import type { PulumiProgram } from "./program";

export interface StackConfig {
  /** "project:key" → value, as PULUMI_CONFIG holds it. */
  values: Record<string, string>;
  /** The file read, when there was one. */
  file?: string;
  /** What cannot be honoured offline but does not stop the run (an ESC `environment`). */
  warnings: string[];
}

function namespaced(project: string, key: string): string {
  return key.includes(":") ? key : `${project}:${key}`;
}

function isSecure(value: unknown): boolean {
  return typeof value === "object" && value !== null && !Array.isArray(value) && "secure" in value;
}

function containsSecure(value: unknown): boolean {
  if (isSecure(value)) return true;
  if (Array.isArray(value)) return value.some(containsSecure);
  if (typeof value === "object" && value !== null) return Object.values(value).some(containsSecure);
  return false;
}

/** As PULUMI_CONFIG carries it: strings as they are, everything else as JSON (numbers and booleans too). */
function configString(value: unknown): string {
  return typeof value === "string" ? value : JSON.stringify(value);
}

function readYaml(file: string): Record<string, unknown> {
  let parsed: unknown;
  try {
    parsed = parseYaml(fs.readFileSync(file, "utf8"));
  } catch (error) {
    throw new UsageError(`${file} is not valid YAML: ${(error as Error).message.split("\n")[0]}`, "stack-config");
  }
  if (parsed === null || parsed === undefined) return {};
  if (typeof parsed !== "object" || Array.isArray(parsed)) {
    throw new UsageError(`${file} must be a YAML mapping`, "stack-config");
  }
  return parsed as Record<string, unknown>;
}

function configSection(file: string, doc: Record<string, unknown>): Record<string, unknown> {
  const config = doc["config"];
  if (config === undefined || config === null) return {};
  if (typeof config !== "object" || Array.isArray(config)) {
    throw new UsageError(`${file}: "config" must be a mapping of keys to values`, "stack-config");
  }
  return config as Record<string, unknown>;
}

/** Pulumi.yaml `config:`: `key: value`, or `key: {type, default | value, ...}`. */
function projectDefaults(
  program: PulumiProgram,
  projectYaml: Record<string, unknown>,
  file: string,
): Record<string, unknown> {
  const defaults: Record<string, unknown> = {};
  for (const [key, spec] of Object.entries(configSection(file, projectYaml))) {
    if (typeof spec === "object" && spec !== null && !Array.isArray(spec)) {
      const s = spec as Record<string, unknown>;
      if ("value" in s) defaults[namespaced(program.project, key)] = s["value"];
      else if ("default" in s) defaults[namespaced(program.project, key)] = s["default"];
    } else {
      defaults[namespaced(program.project, key)] = spec;
    }
  }
  return defaults;
}

/** `-c key=value` as the CLI splits it: at the first `=`. */
export function parseConfigValue(project: string, assignment: string): [string, string] {
  const eq = assignment.indexOf("=");
  if (eq <= 0) throw new UsageError(`-c/--config-value takes key=value (got "${assignment}")`);
  return [namespaced(project, assignment.slice(0, eq)), assignment.slice(eq + 1)];
}

export function readStackConfig(
  program: PulumiProgram,
  stack: string | undefined,
  assignments: readonly string[],
): StackConfig {
  const projectFile = ["Pulumi.yaml", "Pulumi.yml"]
    .map((f) => path.join(program.projectDir, f))
    .find((f) => fs.existsSync(f));
  const projectYaml = projectFile ? readYaml(projectFile) : {};
  const merged: Record<string, unknown> = projectFile ? projectDefaults(program, projectYaml, projectFile) : {};
  const warnings: string[] = [];
  let file: string | undefined;
  if (stack !== undefined) {
    const dirSetting = projectYaml["stackConfigDir"];
    const dir = typeof dirSetting === "string" ? path.resolve(program.projectDir, dirSetting) : program.projectDir;
    file = [`Pulumi.${stack}.yaml`, `Pulumi.${stack}.yml`].map((f) => path.join(dir, f)).find((f) => fs.existsSync(f));
    if (file) {
      const doc = readYaml(file);
      for (const [key, value] of Object.entries(configSection(file, doc)))
        merged[namespaced(program.project, key)] = value;
      if (doc["environment"] !== undefined) {
        warnings.push(
          `${path.basename(file)} imports an ESC environment; its values are not available offline (give them with -c)`,
        );
      }
    }
  }
  for (const assignment of assignments) {
    const [key, value] = parseConfigValue(program.project, assignment);
    merged[key] = value;
  }
  const values: Record<string, string> = {};
  for (const [key, value] of Object.entries(merged)) {
    if (containsSecure(value)) {
      throw new UsageError(
        `${file ? path.basename(file) : "the stack config"}: "${key}" is a secret (secure:), which preflight cannot ` +
          `decrypt offline; give a stand-in value with -c ${key}=<value>`,
        "stack-config",
      );
    }
    values[key] = configString(value);
  }
  return { values, ...(file ? { file } : {}), warnings };
}
