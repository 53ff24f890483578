/**
 * A role session's aws:PrincipalArn is its role's ARN with the role's path, which the session ARN
 * does not carry (IAM User Guide, "AWS global condition context keys", aws:PrincipalArn). A clause is
 * decided only when every path gives the same answer: checked here against the answers for sample
 * paths, including the ones each pattern names.
 */
import { strict as assert } from "node:assert";
import { dependsOnRolePath, type PathlessRole } from "../../components/src/engine/evaluate/role-path";
import { wildcardMatch } from "../../components/src/engine/wildcard";

const ROLE: PathlessRole = { head: "arn:aws:iam::111122223333:role/", name: "Admin" };
const PATHS = ["", "admins/", "admins/eu/", "x/", "ops/admins/", "Admin/", "role/", "a*b/"];

/** The six ARN parts; the sixth keeps its colons. */
const parts = (s: string): string[] => [...s.split(":").slice(0, 5), s.split(":").slice(5).join(":")];

function matches(pattern: string, family: "String" | "Arn", like: boolean, path: string): boolean {
  const arn = `${ROLE.head}${path}${ROLE.name}`;
  if (family === "String") return like ? wildcardMatch(pattern, arn) : pattern === arn;
  const p = parts(pattern);
  const a = parts(arn);
  return p.length === 6 && p.every((part, i) => wildcardMatch(part, a[i]));
}

const CASES: readonly [pattern: string, family: "String" | "Arn", like: boolean, depends: boolean][] = [
  ["arn:aws:iam::111122223333:role/admins/*", "Arn", true, true],
  ["arn:aws:iam::111122223333:role/Admin", "Arn", true, true],
  ["arn:aws:iam::111122223333:role/*", "Arn", true, false],
  ["arn:aws:iam::*:role/*Admin", "Arn", true, false],
  ["arn:aws:iam::111122223333:role/*/Admin", "Arn", true, true],
  ["arn:aws:iam::222222222222:role/*", "Arn", true, false],
  ["arn:aws:iam::111122223333:user/*", "Arn", true, false],
  ["arn:aws:iam::111122223333:role/*Auditor", "Arn", true, false],
  ["arn:aws:iam::111122223333:role/admins/Admin", "String", false, true],
  ["arn:aws:iam::111122223333:role/admins/Auditor", "String", false, false],
  ["arn:aws:iam::111122223333:role/Admin", "String", false, true],
  ["arn:aws:iam::111122223333:*", "String", true, false],
  ["arn:aws:iam::111122223333:role/?dmin", "String", true, true],
  ["*:role/admins/*", "String", true, true],
  ["arn:aws:iam::111122223333:root", "String", false, false],
];

describe("evaluate: a role session's aws:PrincipalArn and the role's path", () => {
  for (const [pattern, family, like, depends] of CASES) {
    it(`${family} ${like ? "like" : "equals"} ${pattern}: ${depends ? "depends on the path" : "decided"}`, () => {
      assert.equal(dependsOnRolePath([pattern], family, like, false, ROLE), depends);
      const answers = new Set(PATHS.map((p) => matches(pattern, family, like, p)));
      // Decided: every sample path agrees. Depends: the samples show two answers.
      assert.equal(answers.size, depends ? 2 : 1, [...answers].join());
    });
  }

  it("several values: one that matches every path decides; values that each match none do too", () => {
    const all = "arn:aws:iam::111122223333:role/*";
    const some = "arn:aws:iam::111122223333:role/admins/*";
    const none = "arn:aws:iam::222222222222:role/*";
    assert.equal(dependsOnRolePath([some, all], "Arn", true, false, ROLE), false);
    assert.equal(dependsOnRolePath([none, none], "Arn", true, false, ROLE), false);
    assert.equal(dependsOnRolePath([none, some], "Arn", true, false, ROLE), true);
  });

  it("StringEqualsIgnoreCase folds case; a variable could be any path; other families never depend", () => {
    assert.equal(dependsOnRolePath(["ARN:AWS:IAM::111122223333:ROLE/ADMIN"], "String", false, true, ROLE), true);
    assert.equal(dependsOnRolePath(["ARN:AWS:IAM::111122223333:ROLE/ADMIN"], "String", false, false, ROLE), false);
    assert.equal(
      dependsOnRolePath(["arn:aws:iam::${aws:PrincipalAccount}:role/Admin"], "Arn", true, false, ROLE),
      true,
    );
    assert.equal(dependsOnRolePath(["true"], "Bool", false, false, ROLE), false);
  });
});
