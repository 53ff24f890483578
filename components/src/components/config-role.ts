/**
 * The roles an AWS Config recorder can use: an IAM role with the managed policy `AWS_ConfigRole`
 * plus S3 and KMS delivery permissions, or the service-linked role `AWSServiceRoleForConfig`.
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type { AwsContext } from "./aws-context";

/** ARN of `AWSServiceRoleForConfig` in the context's account. */
export function serviceLinkedRoleArn(context: AwsContext): string {
  return `arn:${context.partition}:iam::${context.account}:role/aws-service-role/config.amazonaws.com/AWSServiceRoleForConfig`;
}

/** What the Config IAM role delivers to. */
export interface ConfigRoleParams {
  readonly context: pulumi.Output<AwsContext>;
  readonly bucketArn: pulumi.Output<string>;
  readonly keyArn: pulumi.Output<string>;
  readonly s3KeyPrefix?: pulumi.Input<string>;
  readonly tags?: pulumi.Input<Record<string, pulumi.Input<string>>>;
}

/** The IAM role and its policies. */
export interface ConfigRole {
  readonly role: aws.iam.Role;
  /** `AWS_ConfigRole`: read access to the recorded resources. */
  readonly managedPolicy: aws.iam.RolePolicyAttachment;
  /** Write to the bucket, encrypt with the key. */
  readonly deliveryPolicy: aws.iam.RolePolicy;
}

/** Creates the Config IAM role `NAME-config-role` under `parent`. */
export function createConfigRole(name: string, parent: pulumi.Resource, p: ConfigRoleParams): ConfigRole {
  const role = new aws.iam.Role(
    `${name}-config-role`,
    {
      // AWS:SourceAccount keeps other accounts' Config from assuming the role (confused deputy).
      assumeRolePolicy: p.context.apply((c) =>
        JSON.stringify({
          Version: "2012-10-17",
          Statement: [
            {
              Effect: "Allow",
              Principal: { Service: "config.amazonaws.com" },
              Action: "sts:AssumeRole",
              Condition: { StringEquals: { "AWS:SourceAccount": c.account } },
            },
          ],
        }),
      ),
      tags: p.tags,
    },
    { parent },
  );
  const managedPolicy = new aws.iam.RolePolicyAttachment(
    `${name}-config-role-managed`,
    {
      role: role.name,
      policyArn: p.context.apply((c) => `arn:${c.partition}:iam::aws:policy/service-role/AWS_ConfigRole`),
    },
    { parent },
  );
  // AWS_ConfigRole grants no S3 or KMS access; with an IAM role the key policy delegates to IAM
  // (seed 000: account principals), so the role's own policy must allow the key.
  const deliveryPolicy = new aws.iam.RolePolicy(
    `${name}-config-role-delivery`,
    {
      role: role.id,
      policy: pulumi
        .all([p.context, p.bucketArn, p.keyArn, pulumi.output(p.s3KeyPrefix)])
        .apply(([c, bucket, key, prefix]) => {
          const path = prefix === undefined || prefix === "" ? "" : `${prefix.replace(/^\/+|\/+$/g, "")}/`;
          return JSON.stringify({
            Version: "2012-10-17",
            Statement: [
              { Sid: "BucketAcl", Effect: "Allow", Action: "s3:GetBucketAcl", Resource: bucket },
              {
                Sid: "Deliver",
                Effect: "Allow",
                Action: "s3:PutObject",
                Resource: `${bucket}/${path}AWSLogs/${c.account}/*`,
                Condition: { StringEquals: { "s3:x-amz-acl": "bucket-owner-full-control" } },
              },
              { Sid: "Encrypt", Effect: "Allow", Action: ["kms:Decrypt", "kms:GenerateDataKey"], Resource: key },
            ],
          });
        }),
    },
    { parent },
  );
  return { role, managedPolicy, deliveryPolicy };
}
