/**
 * describeCaller: what the evaluator reads from a caller's ARN (IAM User Guide, "IAM identifiers":
 * ARN formats of the account root, users, roles, assumed-role and federated-user sessions). One row
 * per kind of ARN, the whole identity compared, including ARNs that look like one kind but are not.
 */
import { strict as assert } from "node:assert";
import { describeCaller, type CallerIdentity } from "../../components/src/engine/evaluate/caller-identity";
import { PULUMI_UNKNOWN_SENTINEL } from "../../components/src/engine/types";

const A = "111122223333";
const aws = (arn: string): CallerIdentity => describeCaller({ kind: "aws", arn });
const iamCommon = (arn: string, partition = "aws") => ({ kind: "aws", arn, display: arn, partition, account: A });

describe("describeCaller: IAM identities by ARN", () => {
  const rows: readonly (readonly [string, string, Record<string, unknown>])[] = [
    [
      "the account root",
      `arn:aws:iam::${A}:root`,
      { ...iamCommon(`arn:aws:iam::${A}:root`), type: "Account", isRoot: true },
    ],
    [
      "a bare account id (the root, as in a Principal element)",
      A,
      { ...iamCommon(`arn:aws:iam::${A}:root`), type: "Account", isRoot: true },
    ],
    [
      "a user with a path: the name is the last segment",
      `arn:aws:iam::${A}:user/division/Alice`,
      { ...iamCommon(`arn:aws:iam::${A}:user/division/Alice`), type: "User", isRoot: false, userName: "Alice" },
    ],
    [
      "a role ARN (taken as a session of the role): the name is the last segment, the ARN kept whole",
      `arn:aws-cn:iam::${A}:role/ops/Admin`,
      {
        ...iamCommon(`arn:aws-cn:iam::${A}:role/ops/Admin`, "aws-cn"),
        type: "AssumedRole",
        isRoot: false,
        roleName: "Admin",
        roleArn: `arn:aws-cn:iam::${A}:role/ops/Admin`,
      },
    ],
    [
      "an assumed-role session: the role's ARN without path",
      `arn:aws-us-gov:sts::${A}:assumed-role/Admin/session-1`,
      {
        ...iamCommon(`arn:aws-us-gov:sts::${A}:assumed-role/Admin/session-1`, "aws-us-gov"),
        type: "AssumedRole",
        isRoot: false,
        roleName: "Admin",
        roleArn: `arn:aws-us-gov:iam::${A}:role/Admin`,
      },
    ],
    [
      "a federated-user session",
      `arn:aws:sts::${A}:federated-user/Bob`,
      { ...iamCommon(`arn:aws:sts::${A}:federated-user/Bob`), type: "FederatedUser", isRoot: false },
    ],
    // Near misses: each looks like one kind in all but one part, and is none.
    [
      "an STS ARN ending in root",
      `arn:aws:sts::${A}:root`,
      { ...iamCommon(`arn:aws:sts::${A}:root`), type: "Other", isRoot: false },
    ],
    [
      "a user without a name",
      `arn:aws:iam::${A}:user`,
      { ...iamCommon(`arn:aws:iam::${A}:user`), type: "Other", isRoot: false },
    ],
    [
      "an STS user",
      `arn:aws:sts::${A}:user/Alice`,
      { ...iamCommon(`arn:aws:sts::${A}:user/Alice`), type: "Other", isRoot: false },
    ],
    [
      "a role without a name",
      `arn:aws:iam::${A}:role`,
      { ...iamCommon(`arn:aws:iam::${A}:role`), type: "Other", isRoot: false },
    ],
    [
      "an STS role",
      `arn:aws:sts::${A}:role/Admin`,
      { ...iamCommon(`arn:aws:sts::${A}:role/Admin`), type: "Other", isRoot: false },
    ],
    [
      "an assumed role without a session name",
      `arn:aws:sts::${A}:assumed-role/Admin`,
      { ...iamCommon(`arn:aws:sts::${A}:assumed-role/Admin`), type: "Other", isRoot: false },
    ],
    [
      "an STS resource of another type with two segments",
      `arn:aws:sts::${A}:session/Admin/s`,
      { ...iamCommon(`arn:aws:sts::${A}:session/Admin/s`), type: "Other", isRoot: false },
    ],
    [
      "an assumed role under IAM",
      `arn:aws:iam::${A}:assumed-role/Admin/s`,
      { ...iamCommon(`arn:aws:iam::${A}:assumed-role/Admin/s`), type: "Other", isRoot: false },
    ],
    [
      "a federated user under IAM",
      `arn:aws:iam::${A}:federated-user/Bob`,
      { ...iamCommon(`arn:aws:iam::${A}:federated-user/Bob`), type: "Other", isRoot: false },
    ],
    [
      "an IAM group",
      `arn:aws:iam::${A}:group/Admins`,
      { ...iamCommon(`arn:aws:iam::${A}:group/Admins`), type: "Other", isRoot: false },
    ],
    [
      "a text that is not an ARN",
      "Alice",
      { kind: "aws", arn: "Alice", display: "Alice", type: "Other", isRoot: false },
    ],
    [
      "an ARN known only in part",
      `arn:aws:iam::${A}:role/${PULUMI_UNKNOWN_SENTINEL}`,
      {
        ...iamCommon(`arn:aws:iam::${A}:role/${PULUMI_UNKNOWN_SENTINEL}`),
        display: `arn:aws:iam::${A}:role/<not known yet>`,
        partial: true,
        type: "AssumedRole",
        isRoot: false,
        roleName: PULUMI_UNKNOWN_SENTINEL,
        roleArn: `arn:aws:iam::${A}:role/${PULUMI_UNKNOWN_SENTINEL}`,
      },
    ],
  ];
  for (const [name, arn, expected] of rows) {
    it(name, () => {
      assert.deepEqual({ ...aws(arn) }, expected);
      assert.deepEqual({ ...aws(arn) }, expected, "asked again");
    });
  }
});

describe("describeCaller: callers without an IAM ARN", () => {
  it("a service principal keeps its name as given for display and lower-cased for matching", () => {
    assert.deepEqual(
      { ...describeCaller({ kind: "service", service: "CloudTrail.amazonaws.com" }) },
      {
        kind: "service",
        type: "Service",
        isRoot: false,
        service: "cloudtrail.amazonaws.com",
        display: "CloudTrail.amazonaws.com",
      },
    );
  });

  it("an anonymous caller", () => {
    assert.deepEqual(
      { ...describeCaller({ kind: "anonymous" }) },
      { kind: "anonymous", type: "Anonymous", isRoot: false, display: "an anonymous caller" },
    );
  });

  it("callers of different kinds or ARNs never share an identity", () => {
    const a = describeCaller({ kind: "aws", arn: `arn:aws:iam::${A}:user/x` });
    const b = describeCaller({ kind: "aws", arn: `arn:aws:iam::${A}:user/y` });
    const s = describeCaller({ kind: "service", service: `arn:aws:iam::${A}:user/x` });
    assert.equal(a.userName, "x");
    assert.equal(b.userName, "y");
    assert.equal(s.kind, "service");
  });
});
