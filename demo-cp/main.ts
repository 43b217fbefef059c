import { listen } from './src/listen';
import { parseDemoArgs } from './src/options';
import { StateFileError } from './src/persistence';
import { startDemo } from './src/start';

async function main(): Promise<void> {
  let options: ReturnType<typeof parseDemoArgs>;
  try {
    options = parseDemoArgs(process.argv.slice(2));
  } catch (error) {
    console.error(`demo-cp: ${(error as Error).message}`);
    process.exit(2);
  }
  let demo: Awaited<ReturnType<typeof startDemo>>;
  try {
    demo = await startDemo(options);
  } catch (error) {
    if (error instanceof StateFileError) {
      console.error(`demo-cp: ${error.message}`);
      process.exit(1);
    }
    throw error;
  }
  const server = await listen(demo.fetch, options.port, options.host);
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  console.log(
    `demo-cp: Kuma ${options.kumaVersion} (${options.environment}, ${options.mode}) scenario "${options.scenario}" seed ${options.seed} on http://${options.host}:${port}/` +
      (demo.restoredWrites > 0
        ? ` (restored ${demo.restoredWrites} writes from ${options.statePath})`
        : ''),
  );
  void demo.firstTick.then(() => console.log('demo-cp: first tick done'));
  const shutdown = () => {
    demo.stop();
    server.close(() => process.exit(0));
    setTimeout(() => process.exit(0), 2000).unref();
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}

void main();
