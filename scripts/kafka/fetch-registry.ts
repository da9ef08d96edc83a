import { ensureRegistryApp, registryJava } from './schema-registry';

try {
  await ensureRegistryApp((line) => console.log(line));
  registryJava();
} catch (error) {
  console.error((error as Error).message);
  process.exit(1);
}
