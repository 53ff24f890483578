/**
 * CloudTrail delivery to CloudWatch Logs: a log group and the role CloudTrail assumes to write to
 * it (CloudTrail User Guide, "Sending events to CloudWatch Logs").
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

/** Options of the CloudWatch Logs delivery of a trail. */
export interface TrailCloudWatchLogs {
  /** Days to keep log events. Default 365. */
  readonly retentionInDays?: pulumi.Input<number>;
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

/** Creates the log group and role for the trail `trailArn`, under `parent`. */
export function createTrailLogGroup(
  name: string,
  parent: pulumi.Resource,
  trailArn: pulumi.Output<string>,
  args: TrailCloudWatchLogs,
): TrailLogGroup {
  const logGroup = new aws.cloudwatch.LogGroup(
    `${name}-logs`,
    { retentionInDays: args.retentionInDays ?? 365 },
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
