/**
 * Every key policy example of the seed documents passes the pack with no mandatory violation, as
 * AWS Classic and as AWS Native; the ways real repositories break them fail with exactly the
 * expected rules.
 */
import { strict as assert } from "node:assert";
import { analyze, mandatory, runPack, summary, type Reported, type TestResource } from "./harness";
import * as aws from "./fixtures/aws";
import * as seeds from "./fixtures/seeds";

const { ACCOUNT } = aws;

function show(reported: readonly Reported[]): string {
  return reported.map((r) => `${r.policy}@${r.level}: ${r.message}`).join("\n---\n");
}

/** A trail stack around a key named `audit` (its ARN is seeds.KEY). */
function trailStack(policy: unknown, extra: readonly TestResource[] = []): TestResource[] {
  return [aws.key("audit", policy), aws.trail("finance", { kmsKeyId: seeds.KEY }), ...extra];
}

function storeStack(policy: unknown): TestResource[] {
  return [aws.key("audit", policy), aws.eventDataStore("lake", seeds.KEY)];
}

function configStack(policy: unknown, roleArn: string): TestResource[] {
  return [aws.key("audit", policy), aws.deliveryChannel("config", seeds.KEY), aws.recorder("recorder", roleArn)];
}

function controlTowerStack(policy: unknown, keyExtra: Record<string, unknown> = {}): TestResource[] {
  return [aws.key("audit", policy, { extra: keyExtra }), aws.landingZone("landing-zone", seeds.KEY)];
}

interface Scenario {
  readonly name: string;
  readonly resources: readonly TestResource[];
  /** `rule@level`, sorted: every report of the whole pack. */
  readonly expected: readonly string[];
}

const DOCUMENTED: readonly Scenario[] = [
  {
    name: "seed 003 trail statements (encrypt, service decrypt, Bob, describe)",
    resources: trailStack(seeds.S003_TRAIL_POLICY),
    // Seed 003 prints "Allow CloudTrail to decrypt a trail" without aws:SourceArn; seed 001 recommends one.
    expected: ["kms-service-principal-source-condition@advisory"],
  },
  {
    name: "seed 001 CloudTrail statement (ArnEquals) with seed 003's describe statement",
    resources: trailStack(seeds.withDefault(seeds.S001_CLOUDTRAIL, seeds.S003_DESCRIBE)),
    expected: [],
  },
  {
    name: "seed 003 encrypt for other accounts, with describe and readers of a bucket in another account",
    resources: trailStack(
      seeds.withDefault(seeds.S003_ENCRYPT_CROSS_ACCOUNT, seeds.S003_DESCRIBE, seeds.S003_OTHER_BUCKET_READERS),
    ),
    expected: [],
  },
  {
    name: "seed 003 encrypt and describe with the cross-account read role",
    resources: trailStack(seeds.withDefault(seeds.S003_ENCRYPT, seeds.S003_DESCRIBE, seeds.S003_READ_ROLE)),
    expected: [],
  },
  {
    name: "seed 003 event data store statements",
    resources: storeStack(seeds.S003_EVENT_DATA_STORE_POLICY),
    expected: [],
  },
  {
    name: "seed 000 service-linked role statement",
    resources: configStack(seeds.withDefault(seeds.S000_SERVICE_LINKED_ROLE), aws.SLR_ARN),
    // The statement pins the account, not the Region: seed 000 offers AWS:SourceArn for that.
    expected: ["kms-service-principal-source-condition@advisory"],
  },
  {
    name: "seed 000 service-linked role statement with AWS:SourceArn",
    resources: configStack(seeds.withDefault(seeds.S000_SERVICE_LINKED_ROLE_SOURCE_ARN), aws.SLR_ARN),
    expected: [],
  },
  {
    name: "seed 000 IAM role statement",
    resources: configStack(
      seeds.withDefault(seeds.S000_IAM_ROLE.Statement[0]),
      `arn:aws:iam::${ACCOUNT}:role/config-role`,
    ),
    expected: [],
  },
  {
    name: "seed 002 example key policy on a landing zone key",
    resources: controlTowerStack(seeds.S002_EXAMPLE),
    // The guide's Config statement has no AWS:SourceAccount; seed 001 strongly recommends one.
    expected: ["kms-service-principal-source-condition@advisory"],
  },
  {
    name: "seed 001 Amazon Location statement",
    resources: [aws.key("audit", seeds.withDefault(seeds.S001_LOCATION))],
    expected: [],
  },
];

describe("policy pack: the seed documents' examples", () => {
  for (const provider of aws.PROVIDERS) {
    describe(provider.name, () => {
      for (const s of DOCUMENTED) {
        it(`${s.name}: no mandatory violation`, async () => {
          const reported = await runPack(provider.convert(s.resources));
          assert.deepEqual(mandatory(reported), [], show(reported));
          assert.deepEqual(summary(reported), [...s.expected].sort(), show(reported));
        });
      }
    });
  }

  for (const [name, statement] of Object.entries(seeds.DOCUMENTED_STATEMENTS)) {
    it(`resource rules: ${name} raises no mandatory violation`, async () => {
      for (const provider of aws.PROVIDERS) {
        const [key] = provider.convert([aws.key("audit", seeds.withDefault(statement))]);
        const reported = await analyze(key);
        assert.deepEqual(mandatory(reported), [], `${provider.name}\n${show(reported)}`);
      }
    });
  }
});
