export * from "./types";
export * from "./plans";
export * from "./builders";
export { AWS_PAGES, awsPage, awsSection, awsUrl, citeAws, type AwsPage } from "./sources";
