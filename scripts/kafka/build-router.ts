import { ensureRouterBuilt } from './order-router';

try {
  ensureRouterBuilt((line) => console.log(line));
} catch (error) {
  console.error((error as Error).message);
  process.exit(1);
}
