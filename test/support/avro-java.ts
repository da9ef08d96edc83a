import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { kafkaCacheDir, kafkaClasspath } from '../../scripts/kafka/kafka-jars';

/** Apache Avro's Java library, for a reader of the terminal's records that shares nothing with kds. */
const AVRO_VERSION = '1.12.0';

/** The classpath of Kafka's Java client and Apache Avro (fetched from Maven Central once, beside the Kafka jars). */
export function avroJavaClasspath(): string {
  const dir = join(dirname(kafkaCacheDir()), `avro-java-${AVRO_VERSION}`);
  const jar = join(dir, `avro-${AVRO_VERSION}.jar`);
  if (!existsSync(jar)) {
    mkdirSync(dir, { recursive: true });
    const fetched = spawnSync(
      'mvn',
      ['-q', 'dependency:copy', `-Dartifact=org.apache.avro:avro:${AVRO_VERSION}`, `-DoutputDirectory=${dir}`],
      {
        encoding: 'utf8',
      },
    );
    if (fetched.status !== 0 || !existsSync(jar))
      throw new Error(`fetching Apache Avro ${AVRO_VERSION} failed: ${fetched.stdout}${fetched.stderr}`);
  }
  return `${kafkaClasspath()}:${jar}`;
}
