/**
 * CloudTrail delivery to CloudWatch Logs: a log group and the role CloudTrail assumes to write to
 * it (CloudTrail User Guide, "Sending events to CloudWatch Logs"). The log group is encrypted with
 * the trail's key ("Encrypt log data in CloudWatch Logs using AWS Key Management Service"): its name
 * is fixed before anything is created, so its ARN, which the key policy names as the encryption
 * context `aws:logs:arn`, is known at preview and the key does not wait for the log group.
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

/** Options of the CloudWatch Logs delivery of a trail. */
export interface TrailCloudWatchLogs {
  /** Days to keep log events. Default 365. */
  readonly retentionInDays?: pulumi.Input<number>;
  /** The log group's name. Default `aws-cloudtrail-logs-TRAIL_NAME`. It must be known at preview. */
  readonly logGroupName?: pulumi.Input<string>;
}

/** The log group name used when `logGroupName` is not given. */
export function defaultLogGroupName(trailName: string): string {
  return `aws-cloudtrail-logs-${trailName}`;
}

/** Where the log group goes: its name, and the key that encrypts it (its policy allows the log group). */
export interface TrailLogGroupTarget {
  readonly logGroupName: pulumi.Output<string>;
  readonly keyArn: pulumi.Output<string>;
}

/** The resources of a trail's CloudWatch Logs delivery. */
export interface TrailLogGroup {
  /** The log group the trail delivers to. */
  readonly logGroup: aws.cloudwatch.LogGroup;
  /** The role CloudTrail assumes, limited to the trail by `aws:SourceArn`. */
  readonly role: aws.iam.Role;
  /** The trail waits for it: CloudTrail checks that it can write when the trail is created. */
  readonly rolePolicy: aws.iam.RolePolicy;
}

/** Creates the encrypted log group and the role for the trail `trailArn`, under `parent`. */
export function createTrailLogGroup(
  name: string,
  parent: pulumi.Resource,
  trailArn: pulumi.Output<string>,
  args: TrailCloudWatchLogs,
  target: TrailLogGroupTarget,
): TrailLogGroup {
  const logGroup = new aws.cloudwatch.LogGroup(
    `${name}-logs`,
    { name: target.logGroupName, kmsKeyId: target.keyArn, retentionInDays: args.retentionInDays ?? 365 },
    { parent },
  );
  const role = new aws.iam.Role(
    `${name}-logs-role`,
    {
      // aws:SourceArn pins the role to this trail (IAM User Guide, "The confused deputy problem").
      assumeRolePolicy: trailArn.apply((arn) =>
        JSON.stringify({
          Version: "2012-10-17",
          Statement: [
            {
              Effect: "Allow",
              Principal: { Service: "cloudtrail.amazonaws.com" },
              Action: "sts:AssumeRole",
              Condition: { StringEquals: { "aws:SourceArn": arn } },
            },
          ],
        }),
      ),
    },
    { parent },
  );
  const rolePolicy = new aws.iam.RolePolicy(
    `${name}-logs-policy`,
    {
      role: role.id,
      policy: logGroup.arn.apply((arn) =>
        JSON.stringify({
          Version: "2012-10-17",
          Statement: [
            {
              Sid: "AWSCloudTrailCreateLogStreamAndPutLogEvents",
              Effect: "Allow",
              Action: ["logs:CreateLogStream", "logs:PutLogEvents"],
              Resource: `${arn}:log-stream:*`,
            },
          ],
        }),
      ),
    },
    { parent },
  );
  return { logGroup, role, rolePolicy };
}
