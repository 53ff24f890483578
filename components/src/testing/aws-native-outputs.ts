/**
 * What AWS computes for the AWS Native (`aws-native:*`, CloudFormation registry) resources the policy
 * pack reads, and the AWS Native invokes a program asks where it runs. Kept beside `GuardrailsMocks` so a
 * program written with AWS Native runs offline as fully as one written with AWS Classic: without these,
 * a key's `arn` stays undefined after an update and the pack can only wait for it.
 */

/** Where the mocked program runs. */
export interface MockLocation {
  readonly account: string;
  readonly region: string;
  readonly partition: string;
}

type State = Record<string, unknown>;

/** Answers `aws-native:index:getAccountId`, `getRegion` and `getPartition`; `undefined` for other tokens. */
export function awsNativeInvoke(token: string, where: MockLocation): State | undefined {
  switch (token) {
    case "aws-native:index:getAccountId":
      return { accountId: where.account };
    case "aws-native:index:getRegion":
      return { region: where.region };
    case "aws-native:index:getPartition":
      return { partition: where.partition };
    default:
      return undefined;
  }
}

/**
 * The outputs of an AWS Native resource after creation (output names as in the AWS Native schema), or
 * `undefined` when the type is not one the pack reads. `uuid` is stable per resource.
 */
export function awsNativeOutputs(
  type: string,
  name: string,
  inputs: State,
  where: MockLocation,
  uuid: string,
): { id: string; state: State } | undefined {
  const arn = (service: string, resource: string): string =>
    `arn:${where.partition}:${service}:${where.region}:${where.account}:${resource}`;
  const given = (key: string): string | undefined => (typeof inputs[key] === "string" ? inputs[key] : undefined);
  switch (type) {
    case "aws-native:kms:Key":
    case "aws-native:kms:ReplicaKey": {
      const multiRegion = type === "aws-native:kms:ReplicaKey" || inputs.multiRegion === true;
      const keyId = multiRegion ? `mrk-${uuid.replace(/-/g, "")}` : uuid;
      return { id: keyId, state: { keyId, arn: arn("kms", `key/${keyId}`) } };
    }
    case "aws-native:cloudtrail:Trail": {
      const trailName = given("trailName") ?? `${name}-${uuid.slice(0, 7)}`;
      return { id: trailName, state: { arn: arn("cloudtrail", `trail/${trailName}`) } };
    }
    case "aws-native:cloudtrail:EventDataStore": {
      const eventDataStoreArn = arn("cloudtrail", `eventdatastore/${uuid}`);
      return { id: eventDataStoreArn, state: { eventDataStoreArn } };
    }
    case "aws-native:controltower:LandingZone": {
      const landingZoneIdentifier = uuid.replace(/-/g, "").slice(0, 16).toUpperCase();
      return {
        id: landingZoneIdentifier,
        state: { landingZoneIdentifier, arn: arn("controltower", `landingzone/${landingZoneIdentifier}`) },
      };
    }
    case "aws-native:s3:Bucket": {
      const bucketName = given("bucketName") ?? `${name}-${uuid.slice(0, 8)}`.toLowerCase();
      return { id: bucketName, state: { bucketName, arn: `arn:${where.partition}:s3:::${bucketName}` } };
    }
    case "aws-native:configuration:DeliveryChannel":
    case "aws-native:configuration:ConfigurationRecorder": {
      const physical = given("name") ?? "default";
      return { id: physical, state: { name: physical } };
    }
    default:
      return undefined;
  }
}
