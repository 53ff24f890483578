// What the preflight shows of a remediation: the changed properties as a unified diff of the pretty-printed
// documents (one-line JSON strings and objects alike), text edits that turn the declared text into the
// remediated one (SARIF fixes), and nothing of a secret.
import { strict as assert } from "node:assert";
import fc from "fast-check";
import { secret } from "../../components/src/preflight/proto-values";
import { documentText, propertyChanges, textEdits } from "../../components/src/preflight/remediation-diff";

const ROOT = {
  Sid: "Enable IAM User Permissions",
  Effect: "Allow",
  Principal: { AWS: "arn:aws:iam::111122223333:root" },
  Action: "kms:*",
  Resource: "*",
};
const ADMINS = { Sid: "Admins", Effect: "Allow", Principal: { AWS: "arn:aws:iam::111122223333:role/Admin" } };

function applyEdits(text: string, edits: ReturnType<typeof textEdits>): string {
  let out = text;
  for (const e of [...edits].sort((a, b) => b.offset - a.offset)) {
    out = out.slice(0, e.offset) + e.text + out.slice(e.offset + e.length);
  }
  return out;
}

describe("preflight: remediation diff", () => {
  it("a one-line JSON string is compared as pretty-printed JSON: the added statement is the diff", () => {
    const before = JSON.stringify({ Version: "2012-10-17", Statement: [ADMINS] });
    const after = JSON.stringify({ Version: "2012-10-17", Statement: [ROOT, ADMINS] });
    const [change, ...rest] = propertyChanges(
      "audit",
      { policy: before, description: "k" },
      { policy: after, description: "k" },
    );
    assert.deepEqual(rest, []);
    assert.equal(change.property, "policy");
    assert.equal(change.before, before);
    assert.equal(change.after, after);
    assert.match(change.diff, /^--- audit: policy\n\+\+\+ audit: policy \(remediated\)\n@@ -2,6 \+2,15 @@\n/);
    const added = change.diff.split("\n").filter((l) => l.startsWith("+") && !l.startsWith("+++"));
    assert.ok(added.includes('+      "Sid": "Enable IAM User Permissions",'), change.diff);
    assert.ok(!change.diff.split("\n").some((l) => l.startsWith("-") && !l.startsWith("---")), "nothing removed");
  });

  it("an object (AWS Native keyPolicy) diffs the same way", () => {
    const [change] = propertyChanges(
      "native",
      { keyPolicy: { Statement: [ADMINS] } },
      { keyPolicy: { Statement: [ROOT, ADMINS] } },
    );
    assert.equal(change.property, "keyPolicy");
    assert.match(change.diff, /\+ {6}"Sid": "Enable IAM User Permissions"/);
  });

  it("a secret's change is reported without its text", () => {
    const [change] = propertyChanges(
      "s",
      { policy: secret(JSON.stringify({ Statement: [ADMINS] })) },
      { policy: secret(JSON.stringify({ Statement: [ROOT, ADMINS] })) },
    );
    assert.deepEqual(change, { property: "policy", before: "[secret]", after: "[secret]", secret: true, diff: "" });
  });

  it("unchanged properties are not changes", () => {
    assert.deepEqual(propertyChanges("k", { policy: "{}", tags: { a: "b" } }, { policy: "{}", tags: { a: "b" } }), []);
  });

  it("text edits turn the declared document into the remediated one (insertions, replacements, at the ends)", () => {
    const lines = fc.array(fc.constantFrom("a", "b", "c", "{", "}", '"x": 1,'), { maxLength: 12 });
    fc.assert(
      fc.property(lines, lines, (a, b) => {
        const [before, after] = [documentText(a.join("\n")), documentText(b.join("\n"))];
        assert.equal(applyEdits(before, textEdits(before, after)), after);
      }),
      { numRuns: 300 },
    );
  });
});
