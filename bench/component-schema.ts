/**
 * GetSchema of the components plugin (`npm run bench:schema`, after `npm run build`): start-up to the
 * printed port, then the first GetSchema (the TypeScript analysis of components/src; later calls are
 * cached by the host). What `pulumi package add` and every other-language deployment wait for once per
 * plugin start. RUNS (default 3) fresh hosts; prints each run and the median.
 */
import { getSchema, startPluginHost } from "../scripts/component-plugin";

const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

async function main(): Promise<void> {
  const runs = Number(process.env.RUNS ?? 3);
  const starts: number[] = [];
  const schemas: number[] = [];
  for (let i = 0; i < runs; i += 1) {
    const host = await startPluginHost("127.0.0.1:0");
    const begin = process.hrtime.bigint();
    await getSchema(host);
    const schemaMs = Number(process.hrtime.bigint() - begin) / 1e6;
    host.stop();
    starts.push(host.startMs);
    schemas.push(schemaMs);
    console.log(`run ${i + 1}: start ${host.startMs} ms, first GetSchema ${schemaMs.toFixed(0)} ms`);
  }
  console.log(
    `component plugin: start median ${median(starts)} ms, first GetSchema median ${median(schemas).toFixed(0)} ms`,
  );
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
