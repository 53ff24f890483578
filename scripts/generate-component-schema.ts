/**
 * Writes components/schema.json, the golden component schema, from the running plugin host
 * (`npm run generate:schema`, after `npm run build`). The plugin test fails until the committed file
 * equals what the host infers; review the diff like an API change.
 */
import * as fs from "node:fs";
import { GOLDEN_SCHEMA, formatSchema, getSchema, startPluginHost } from "./component-plugin";

async function main(): Promise<void> {
  // GetSchema needs no engine; the host only logs to it.
  const host = await startPluginHost("127.0.0.1:0");
  try {
    fs.writeFileSync(GOLDEN_SCHEMA, formatSchema(await getSchema(host)));
    console.log(`wrote ${GOLDEN_SCHEMA}`);
  } finally {
    host.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
