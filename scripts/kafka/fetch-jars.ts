import { ensureKafkaJars } from './kafka-jars';

try {
  await ensureKafkaJars((line) => console.log(line));
} catch (error) {
  console.error((error as Error).message);
  process.exit(1);
}
