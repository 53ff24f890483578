/**
 * The document level of the parser (parse/index.ts): duplicate Sids in small and large policies,
 * Version and Id, the statement list's own errors, values built in code whose members are not
 * enumerable, and values that fight being read (the message users see names what was thrown).
 */
import { strict as assert } from "node:assert";
import { PULUMI_UNKNOWN_SENTINEL, parsePolicy, type ParseResult } from "pulumi-kms-guardrails/engine";

const VERSION = "2012-10-17";
const UNKNOWN = PULUMI_UNKNOWN_SENTINEL;
const statement = (sid?: unknown): Record<string, unknown> => ({
  ...(sid === undefined ? {} : { Sid: sid }),
  Effect: "Allow",
  Principal: { AWS: "arn:aws:iam::111122223333:root" },
  Action: "kms:*",
  Resource: "*",
});
const errors = (result: ParseResult): string[][] => result.errors.map((e) => [e.path, e.code, e.message]);
const duplicate = (at: number, sid: string, earlier: number): string[] => [
  `$.Statement[${at}].Sid`,
  "duplicate-sid",
  `Sid ${JSON.stringify(sid)} is already used by $.Statement[${earlier}]; give each statement its own Sid.`,
];

describe("parser, document level", () => {
  describe("duplicate Sids", () => {
    // Small policies compare pairs, large ones use a map: both must say the same.
    const sids = (count: number): unknown[] => {
      const list: unknown[] = Array.from({ length: count }, (_, i) => `S${i}`);
      list[1] = "A";
      list[2] = "";
      list[3] = UNKNOWN;
      list[4] = undefined;
      list[5] = "A";
      list[6] = "";
      list[7] = UNKNOWN;
      list[8] = undefined;
      list[9] = "A";
      list[10] = "a";
      return list;
    };
    for (const count of [11, 15, 16, 17, 40]) {
      it(`reports each repeat against the first use, and never empty, unknown or absent Sids (${count} statements)`, () => {
        const result = parsePolicy({ Version: VERSION, Statement: sids(count).map(statement) });
        assert.deepEqual(errors(result), [duplicate(5, "A", 1), duplicate(9, "A", 1)]);
        assert.equal(result.valid, false);
        assert.equal(result.policy?.statements.length, count);
      });
    }

    it("reports a Sid repeated at the end of a large policy", () => {
      const list = Array.from({ length: 20 }, (_, i) => statement(`S${i}`));
      list[19] = statement("S0");
      list[18] = statement("S17");
      assert.deepEqual(errors(parsePolicy({ Version: VERSION, Statement: list })), [
        duplicate(18, "S17", 17),
        duplicate(19, "S0", 0),
      ]);
    });

    it("reports the second of two statements", () => {
      assert.deepEqual(errors(parsePolicy({ Version: VERSION, Statement: [statement("X"), statement("X")] })), [
        duplicate(1, "X", 0),
      ]);
    });
  });

  describe("Version and Id", () => {
    it("keeps a string Version and Id in the policy, reads an unknown Version as no error", () => {
      const result = parsePolicy({ Version: VERSION, Id: "key-default-1", Statement: [statement("A")] });
      assert.deepEqual(errors(result), []);
      assert.equal(result.policy?.version, VERSION);
      assert.equal(result.policy?.id, "key-default-1");
      const unknown = parsePolicy({ Version: UNKNOWN, Id: UNKNOWN, Statement: [statement("A")] });
      assert.deepEqual(errors(unknown), []);
      assert.equal(unknown.valid, true);
    });

    it("names the old Version and any other value", () => {
      const text = (version: unknown): string[][] =>
        errors(parsePolicy({ Version: version, Statement: [statement("A")] }));
      assert.deepEqual(text("2008-10-17"), [
        [
          "$.Version",
          "invalid-version",
          'Version must be "2012-10-17", not the string "2008-10-17" (the old version, without policy variables).',
        ],
      ]);
      assert.deepEqual(text(2012), [
        ["$.Version", "invalid-version", 'Version must be "2012-10-17", not the number 2012.'],
      ]);
      assert.deepEqual(errors(parsePolicy({ Statement: [statement("A")] })), [
        ["$", "missing-version", 'The key policy has no Version; add "Version": "2012-10-17".'],
      ]);
    });

    it("reads Version, Id and Statement that are not enumerable, in a value built in code", () => {
      const document = {};
      for (const [name, value] of [
        ["Version", VERSION],
        ["Id", 7],
        ["Statement", [statement("A")]],
      ] as const) {
        Object.defineProperty(document, name, { value, enumerable: false });
      }
      const result = parsePolicy(document);
      assert.deepEqual(errors(result), [["$.Id", "invalid-id", "Id must be a string, not the number 7."]]);
      assert.equal(result.policy?.version, VERSION);
      assert.equal(result.policy?.statements.length, 1);
    });
  });

  describe("the statement list", () => {
    it("skips unknown entries and reports the rest by index, past the 64 spelled-out paths", () => {
      const list: unknown[] = Array.from({ length: 70 }, (_, i) => statement(`S${i}`));
      list[1] = UNKNOWN;
      list[63] = 5;
      list[64] = null;
      list[69] = [];
      const result = parsePolicy({ Version: VERSION, Statement: list });
      assert.deepEqual(errors(result), [
        ["$.Statement[63]", "invalid-statement-entry", "A statement must be an object, not the number 5."],
        ["$.Statement[64]", "invalid-statement-entry", "A statement must be an object, not null."],
        ["$.Statement[69]", "invalid-statement-entry", "A statement must be an object, not an array."],
      ]);
      assert.equal(result.policy?.statements.length, 66);
    });

    it("reads one statement object as a list of one, and an unknown list as no error", () => {
      const one = parsePolicy({ Version: VERSION, Statement: statement("A") });
      assert.deepEqual(errors(one), []);
      assert.deepEqual(
        one.policy?.statements.map((s) => [s.index, s.path, s.sid]),
        [[0, "$.Statement", "A"]],
      );
      const unknown = parsePolicy({ Version: VERSION, Statement: UNKNOWN });
      assert.deepEqual(errors(unknown), []);
      assert.equal(unknown.policy, undefined);
      assert.deepEqual(unknown.unknownPaths, ["$.Statement"]);
    });
  });

  describe("elements a value built in code only inherits", () => {
    it("reads none of them: the policy has no Version and no Statement of its own", () => {
      const inherited = Object.create({ Version: VERSION, Id: "x", Statement: [statement("A")] }) as object;
      const result = parsePolicy(inherited);
      assert.deepEqual(errors(result), [
        ["$", "missing-version", 'The key policy has no Version; add "Version": "2012-10-17".'],
        ["$", "missing-statement", "The key policy has no Statement."],
      ]);
      assert.equal(result.policy, undefined);
    });

    it("reads a statement's own elements only", () => {
      const own = Object.assign(Object.create({ Resource: "*", Sid: "Inherited" }) as object, {
        Effect: "Allow",
        Principal: "*",
        Action: "kms:Decrypt",
      });
      const result = parsePolicy({ Version: VERSION, Statement: [own] });
      assert.deepEqual(errors(result), [
        [
          "$.Statement[0]",
          "missing-resource",
          'The statement has no Resource (or NotResource); add "Resource": "*" (in a key policy, "*" means this KMS key).',
        ],
      ]);
    });
  });

  describe("names quoted in messages", () => {
    const unknownElement = (name: string): string[][] =>
      errors(parsePolicy({ Version: VERSION, Statement: [statement("A")], [name]: 1 }));
    it("quotes names of up to 80 characters whole, and cuts longer ones at 80", () => {
      const eighty = "x".repeat(80);
      assert.deepEqual(unknownElement(eighty), [
        [
          `$.${eighty}`,
          "unknown-policy-element",
          `"${eighty}" is not a key policy element. A key policy has Version, Id and Statement.`,
        ],
      ]);
      assert.deepEqual(unknownElement(`${eighty}y`), [
        [
          `$.${eighty}y`,
          "unknown-policy-element",
          `"${eighty}…" is not a key policy element. A key policy has Version, Id and Statement.`,
        ],
      ]);
    });

    it("spells a name that is no identifier as a quoted member, at any length", () => {
      for (const name of ["a:b", `${"k".repeat(129)}:`, "1st"]) {
        assert.equal(unknownElement(name)[0][0], `$[${JSON.stringify(name)}]`);
      }
      const long = "k".repeat(129);
      assert.equal(unknownElement(long)[0][0], `$.${long}`);
    });
  });

  describe("Resource", () => {
    const resourceErrors = (resource: unknown): string[][] =>
      errors(parsePolicy({ Version: VERSION, Statement: [{ ...statement("A"), Resource: resource }] }));
    const never = (resource: string, why: string, path = "$.Statement[0].Resource"): string[] => [
      path,
      "resource-never-matches-key",
      `Resource ${JSON.stringify(resource)} can never match this KMS key: ${why}.`,
    ];
    const literal = (variable: string): string =>
      `${variable} stands before the fifth colon, where AWS substitutes no policy variables (only the resource ` +
      "part after it takes them), so it is literal text no key ARN contains";

    it("reports an empty Resource once, as an empty value", () => {
      assert.deepEqual(resourceErrors(""), [
        ["$.Statement[0].Resource", "invalid-resource-value", "Resource is an empty string."],
      ]);
      assert.deepEqual(resourceErrors(["*", ""]), [
        ["$.Statement[0].Resource[1]", "invalid-resource-value", "Resource entry is an empty string."],
      ]);
    });

    it("takes a policy variable in a text that is no ARN as literal text", () => {
      assert.deepEqual(resourceErrors("${aws:username}"), [never("${aws:username}", literal("${aws:username}"))]);
      assert.deepEqual(resourceErrors(["*", "key/${aws:username}"]), [
        never("key/${aws:username}", literal("${aws:username}"), "$.Statement[0].Resource[1]"),
      ]);
    });

    it("substitutes variables after the fifth colon, and keeps the text before it", () => {
      assert.deepEqual(resourceErrors("arn:aws:kms:us-east-1:111122223333:${aws:username}"), []);
      assert.deepEqual(resourceErrors("arn:aws:kms:us-east-1:111122223333:key/${aws:username}"), []);
      assert.deepEqual(resourceErrors("arn:aws:kms:us-east-1:${aws:PrincipalAccount}:key/${aws:username}"), [
        never("arn:aws:kms:us-east-1:${aws:PrincipalAccount}:key/${aws:username}", literal("${aws:PrincipalAccount}")),
      ]);
    });
  });

  describe("values kept in the policy", () => {
    it("keeps Version and Id only when they are strings", () => {
      const result = parsePolicy({ Version: 2012, Id: 7, Statement: [statement("A")] });
      assert.deepEqual(
        errors(result).map(([path, code]) => [path, code]),
        [
          ["$.Version", "invalid-version"],
          ["$.Id", "invalid-id"],
        ],
      );
      assert.ok(result.policy !== undefined);
      assert.equal("version" in result.policy, false);
      assert.equal("id" in result.policy, false);
      const absent = parsePolicy({ Version: VERSION, Statement: [statement("A")] });
      assert.equal(absent.policy !== undefined && "id" in absent.policy, false);
    });

    it("takes a member name not known yet as no error", () => {
      const result = parsePolicy({ Version: VERSION, Statement: [statement("A")], [UNKNOWN]: "x" });
      assert.deepEqual(errors(result), []);
      assert.equal(result.valid, true);
      const text = parsePolicy(JSON.stringify({ Version: VERSION, Statement: [statement("A")], [UNKNOWN]: "x" }));
      assert.deepEqual(errors(text), []);
      assert.deepEqual(text.unknownPaths, [`$[${JSON.stringify(UNKNOWN)}]`]);
    });
  });

  describe("values that fight being read", () => {
    const throwing = (thrown: () => unknown): Record<string, unknown> =>
      Object.defineProperty({ Version: VERSION }, "Statement", {
        enumerable: true,
        get() {
          throw thrown();
        },
      });
    const unreadable = (reason: string): string[][] => [
      ["$", "unreadable-input", `The key policy could not be read: ${reason}.`],
    ];

    it("quotes the thrown error's message, cut at 200 characters", () => {
      assert.deepEqual(errors(parsePolicy(throwing(() => new TypeError("no access")))), unreadable("no access"));
      const long = "m".repeat(250);
      assert.deepEqual(errors(parsePolicy(throwing(() => new Error(long)))), unreadable(`${"m".repeat(200)}…`));
    });

    it("says 'unknown error' for a thrown non-error or an error whose message throws", () => {
      assert.deepEqual(errors(parsePolicy(throwing(() => "just a string"))), unreadable("unknown error"));
      const hostile = Object.defineProperty(new Error("hidden"), "message", {
        get() {
          throw new Error("again");
        },
      });
      const result = parsePolicy(throwing(() => hostile));
      assert.deepEqual(errors(result), unreadable("unknown error"));
      assert.equal(result.valid, false);
      assert.equal(result.policy, undefined);
      assert.deepEqual(result.unknownPaths, []);
    });
  });
});
