/**
 * Condition values at the edges of what each family reads (parse/condition-values.ts): dates with and
 * without a time, each field at its bounds, and booleans in any letter case.
 */
import { strict as assert } from "node:assert";
import { parsePolicy } from "pulumi-kms-guardrails/engine";

const policyWith = (condition: Record<string, unknown>): Record<string, unknown> => ({
  Version: "2012-10-17",
  Statement: [
    {
      Effect: "Allow",
      Principal: { AWS: "arn:aws:iam::111122223333:root" },
      Action: "kms:Decrypt",
      Resource: "*",
      Condition: condition,
    },
  ],
});
const valueErrors = (operator: string, value: string): string[][] =>
  parsePolicy(policyWith({ [operator]: { "aws:CurrentTime": value } })).errors.map((e) => [e.path, e.code, e.message]);
const dateError = (value: string): string[][] => [
  [
    '$.Statement[0].Condition.DateGreaterThan["aws:CurrentTime"]',
    "invalid-date-value",
    `DateGreaterThan takes an ISO 8601 date such as "2025-01-31T00:00:00Z" or epoch seconds, not ${JSON.stringify(value)}.`,
  ],
];

describe("condition values at their edges", () => {
  const dates = [
    "2025-01-31",
    "2025-12-01",
    "2025-01-01T00:00Z",
    "2025-01-31T23:59:60Z",
    "2025-01-31T23:59:59.123+02:00",
    "2025-01-31T23:59",
    "1735689600",
  ];
  for (const value of dates) {
    it(`reads the date ${value}`, () => assert.deepEqual(valueErrors("DateGreaterThan", value), []));
  }
  const notDates = [
    "2025-00-31",
    "2025-13-01",
    "2025-01-00",
    "2025-01-32",
    "2025-01-31T24:00Z",
    "2025-01-31T23:60Z",
    "2025-01-31T23:59:61Z",
    "2025-01-31T",
    "25-01-31",
  ];
  for (const value of notDates) {
    it(`rejects the date ${value}`, () => assert.deepEqual(valueErrors("DateGreaterThan", value), dateError(value)));
  }

  it("reads true and false in any letter case, for Bool and Null", () => {
    for (const value of ["TRUE", "False", "tRuE", "true", "false"]) {
      assert.deepEqual(valueErrors("Bool", value), [], value);
      assert.deepEqual(valueErrors("Null", value), [], value);
    }
    assert.deepEqual(valueErrors("Bool", "truee"), [
      [
        '$.Statement[0].Condition.Bool["aws:CurrentTime"]',
        "invalid-bool-value",
        'Bool takes true or false, not "truee".',
      ],
    ]);
    assert.deepEqual(valueErrors("Null", "1"), [
      [
        '$.Statement[0].Condition.Null["aws:CurrentTime"]',
        "invalid-null-value",
        'Null takes true (the key is absent) or false (the key is present), not "1".',
      ],
    ]);
  });
});
