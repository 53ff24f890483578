// The key policies of the noncompliant examples, written by hand the way repositories copy them from the
// AWS documentation, mistakes included. Plain functions of where the key lives, shared by the AWS Classic
// program (which sends them as JSON strings) and the AWS Native one (objects), so both break the same rules.
// Seeds: 000 AWS Config "Permissions for the KMS Key", 001 KMS "Permissions for AWS services in key
// policies", 002 Control Tower "Optionally configure AWS KMS keys", 003 CloudTrail "Configure AWS KMS key
// policies for CloudTrail", 004 KMS "Authentication and access control".

/** Where the stack deploys: the account and Region of the caller, as `aws.getCallerIdentity` says. */
export interface Where {
  readonly account: string;
  readonly region: string;
  readonly partition: string;
}

export type Statement = Record<string, unknown>;

export interface PolicyDocument {
  readonly Version: "2012-10-17";
  readonly Statement: readonly Statement[];
}

const CLOUDTRAIL = { Service: "cloudtrail.amazonaws.com" };
const CONFIG = { Service: "config.amazonaws.com" };

export function trailArn(w: Where, name: string): string {
  return `arn:${w.partition}:cloudtrail:${w.region}:${w.account}:trail/${name}`;
}

/** The CloudTrail encryption context of the account's trails (seed 003, "Granting encrypt permissions"). */
function trailContext(w: Where): Record<string, string> {
  return { "kms:EncryptionContext:aws:cloudtrail:arn": `arn:${w.partition}:cloudtrail:*:${w.account}:trail/*` };
}

/** The default key policy statement: without it no IAM policy can grant the key (seed 004, "IAM policies"). */
function enableIamPolicies(w: Where): Statement {
  return {
    Sid: "Enable IAM User Permissions",
    Effect: "Allow",
    Principal: { AWS: `arn:${w.partition}:iam::${w.account}:root` },
    Action: "kms:*",
    Resource: "*",
  };
}

function policy(w: Where, statements: Statement[]): PolicyDocument {
  return { Version: "2012-10-17", Statement: [enableIamPolicies(w), ...statements] };
}

/** Seed 003, "Granting encrypt permissions": the encrypt statement, pinned to the trail with aws:SourceArn. */
function trailEncrypt(w: Where, trail: string): Statement {
  return {
    Sid: "Allow CloudTrail to encrypt logs",
    Effect: "Allow",
    Principal: CLOUDTRAIL,
    Action: "kms:GenerateDataKey*",
    Resource: "*",
    Condition: { StringLike: trailContext(w), StringEquals: { "aws:SourceArn": trailArn(w, trail) } },
  };
}

/** Seed 003, "Enable CloudTrail to describe KMS key properties", as printed. */
function trailDescribe(w: Where, trail: string): Statement {
  return {
    Sid: "Allow CloudTrail access",
    Effect: "Allow",
    Principal: CLOUDTRAIL,
    Action: "kms:DescribeKey",
    Resource: "*",
    Condition: { StringEquals: { "aws:SourceArn": trailArn(w, trail) } },
  };
}

/** Seed 003, "Granting decrypt permissions": log readers, limited to log files by the Null guard. */
function logReaders(w: Where, guarded: boolean): Statement {
  return {
    Sid: "Enable CloudTrail log decrypt permissions",
    Effect: "Allow",
    Principal: { AWS: `arn:${w.partition}:iam::${w.account}:role/LogReader` },
    Action: "kms:Decrypt",
    Resource: "*",
    ...(guarded ? { Condition: { Null: { "kms:EncryptionContext:aws:cloudtrail:arn": "false" } } } : {}),
  };
}

/**
 * The policy the CloudTrail console writes for a new key ("Default KMS key policy created in CloudTrail
 * console", linked from seed 003). Principal "*" appears three times, always limited by kms:CallerAccount
 * (with the CloudTrail encryption context, or kms:ViaService): compliant, and the pack must say so.
 */
export function consoleDefaultPolicy(w: Where, trail: string): PolicyDocument {
  const callerAccount = { "kms:CallerAccount": w.account };
  return policy(w, [
    trailEncrypt(w, trail),
    { ...trailDescribe(w, trail), Sid: "Allow CloudTrail to describe key" },
    {
      Sid: "Allow principals in the account to decrypt log files",
      Effect: "Allow",
      Principal: { AWS: "*" },
      Action: ["kms:Decrypt", "kms:ReEncryptFrom"],
      Resource: "*",
      Condition: { StringEquals: callerAccount, StringLike: trailContext(w) },
    },
    {
      Sid: "Allow alias creation during setup",
      Effect: "Allow",
      Principal: { AWS: "*" },
      Action: "kms:CreateAlias",
      Resource: "*",
      Condition: { StringEquals: { ...callerAccount, "kms:ViaService": `ec2.${w.region}.amazonaws.com` } },
    },
  ]);
}

/**
 * "Share the key with the organization", written with IfExists: a principal outside every organization
 * has no aws:PrincipalOrgID, so the condition matches and any account in AWS may decrypt. Breaks
 * kms-no-unconditioned-public-principal (seed 004, "Cross-account access": "Do not set the Principal
 * to an asterisk (*) ... unless you use conditions to limit the key policy").
 */
export function organizationSharePolicy(w: Where): PolicyDocument {
  return policy(w, [
    {
      Sid: "Allow the organization to decrypt",
      Effect: "Allow",
      Principal: { AWS: "*" },
      Action: ["kms:Decrypt", "kms:DescribeKey"],
      Resource: "*",
      Condition: { StringEqualsIfExists: { "aws:PrincipalOrgID": "o-exampleorg1" } },
    },
  ]);
}

/**
 * DescribeKey folded into the encrypt statement, under its encryption context: DescribeKey requests carry
 * none, so CloudTrail is denied. Breaks kms-encryption-context-on-unsupported-action (seed 001, "Using
 * encryption context condition keys": "If you use these condition keys to allow other operations, such as
 * DescribeKey, permission will be denied") and so cloudtrail-key-allows-describe (seed 003, "Enable
 * CloudTrail to describe KMS key properties").
 */
export function describeWithContextPolicy(w: Where, trail: string): PolicyDocument {
  return policy(w, [
    { ...trailEncrypt(w, trail), Action: ["kms:GenerateDataKey*", "kms:DescribeKey"] },
    logReaders(w, true),
  ]);
}

/**
 * Encrypt and decrypt, no DescribeKey. Breaks cloudtrail-key-allows-describe (seed 003, "Required KMS key
 * policy elements for trails", item 3, and "Enable CloudTrail to describe KMS key properties").
 */
export function missingDescribePolicy(w: Where, trail: string): PolicyDocument {
  return policy(w, [trailEncrypt(w, trail), logReaders(w, true)]);
}

/**
 * Log readers without the Null guard: LogReader decrypts anything encrypted with the key, not only log
 * files. Breaks cloudtrail-log-decrypt-null-guard, advisory by default (seed 003, "Granting decrypt
 * permissions").
 */
export function unguardedDecryptPolicy(w: Where, trail: string): PolicyDocument {
  return policy(w, [trailEncrypt(w, trail), trailDescribe(w, trail), logReaders(w, false)]);
}

/**
 * The trail habit carried over to CloudTrail Lake: aws:SourceArn on the event data store's key. CloudTrail
 * Lake requests carry no aws:SourceArn, so every statement is dead. Breaks
 * event-data-store-key-no-source-condition and event-data-store-key-allows-cloudtrail (seed 003,
 * "Required KMS key policy elements for event data stores": "The aws:SourceArn and aws:SourceAccount
 * condition keys are not supported in KMS key policies for event data stores").
 */
export function eventDataStoreWithSourceArnPolicy(w: Where): PolicyDocument {
  const stores = `arn:${w.partition}:cloudtrail:${w.region}:${w.account}:eventdatastore/*`;
  return policy(w, [
    {
      Sid: "Allow CloudTrail to use the key for event data stores",
      Effect: "Allow",
      Principal: CLOUDTRAIL,
      Action: ["kms:GenerateDataKey", "kms:Decrypt", "kms:DescribeKey"],
      Resource: "*",
      Condition: { ArnLike: { "aws:SourceArn": stores } },
    },
  ]);
}

/**
 * Seed 000's IAM-role statement (the account may use the key) on a key whose delivery channel belongs to
 * a recorder running as the service-linked role: Config then calls KMS as config.amazonaws.com, which the
 * policy does not name. Breaks config-key-allows-delivery (seed 000, "Required Permissions for the KMS Key
 * When Using Service-Linked Roles").
 */
export function configIamRoleModePolicy(w: Where): PolicyDocument {
  return policy(w, [
    {
      Sid: "AWSConfigKMSPolicy",
      Effect: "Allow",
      Principal: { AWS: [w.account] },
      Action: ["kms:Decrypt", "kms:GenerateDataKey"],
      Resource: "*",
    },
  ]);
}

/**
 * Seed 002's two statements, as printed (its Config statement has no AWS:SourceAccount: the pack reports
 * that as an advisory, as it does for the control-tower example). The policy is right; the key that
 * carries it is multi-Region, which Control Tower's pre-check refuses.
 */
export function landingZonePolicy(w: Where): PolicyDocument {
  return policy(w, [
    {
      Sid: "Allow Config to use KMS for encryption",
      Effect: "Allow",
      Principal: CONFIG,
      Action: ["kms:Decrypt", "kms:GenerateDataKey"],
      Resource: "*",
    },
    {
      Sid: "Allow CloudTrail to use KMS for encryption",
      Effect: "Allow",
      Principal: CLOUDTRAIL,
      Action: ["kms:GenerateDataKey*", "kms:Decrypt"],
      Resource: "*",
      Condition: {
        StringEquals: { "aws:SourceArn": trailArn(w, "aws-controltower-BaselineCloudTrail") },
        StringLike: trailContext(w),
      },
    },
  ]);
}
