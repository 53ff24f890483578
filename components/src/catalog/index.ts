export * from "./types";
export * from "./plans";
export * from "./builders";
export { AWS_PAGES, awsPage, awsUrl, citeAws, type AwsPage } from "./sources";
