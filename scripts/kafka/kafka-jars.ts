import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

/**
 * Kafka 4.1.1: the newest 4.x line that kafkajs 2.2.4 was proven against here
 * (test/integration/kafka-harness.test.ts). Bump only together with that proof.
 */
export const KAFKA_VERSION = '4.1.1';
/** Kafka 4.x logs through log4j2; slf4j 1.x callers need this bridge or they log nothing. */
const LOG4J_VERSION = '2.24.3';

export function kafkaCacheDir(): string {
  const base = process.env.KDS_CACHE_DIR ?? join(process.env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'kds');
  return join(base, `kafka-${KAFKA_VERSION}`);
}

export function kafkaClasspath(): string {
  return join(kafkaCacheDir(), 'libs', '*');
}

function runtimePom(): string {
  return `<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>kds.local</groupId>
  <artifactId>kafka-runtime</artifactId>
  <version>1</version>
  <packaging>pom</packaging>
  <dependencies>
    <dependency><groupId>org.apache.kafka</groupId><artifactId>kafka_2.13</artifactId><version>${KAFKA_VERSION}</version></dependency>
    <dependency><groupId>org.apache.logging.log4j</groupId><artifactId>log4j-slf4j-impl</artifactId><version>${LOG4J_VERSION}</version></dependency>
  </dependencies>
</project>
`;
}

export function assertJava17(): void {
  const probe = spawnSync('java', ['-version'], { encoding: 'utf8' });
  if (probe.error || probe.status !== 0) {
    throw new Error('Java is needed to run the local Kafka broker. Install a JDK 17+ (Debian: apt-get install openjdk-17-jre-headless).');
  }
  const match = /version "(\d+)/.exec(probe.stderr);
  const major = match ? Number(match[1]) : 0;
  if (major < 17) {
    throw new Error(`Kafka ${KAFKA_VERSION} needs Java 17 or newer; found: ${probe.stderr.split('\n')[0] ?? 'unknown'}`);
  }
}

/** Fetches the broker's jars from Maven Central once; later calls return at once. */
export async function ensureKafkaJars(log: (line: string) => void = (line) => console.error(line)): Promise<string> {
  const dir = kafkaCacheDir();
  const libs = join(dir, 'libs');
  const marker = join(dir, '.complete');
  if (existsSync(marker)) return libs;

  assertJava17();
  if (spawnSync('mvn', ['-v'], { encoding: 'utf8' }).error) {
    throw new Error('Maven (mvn) is needed once to fetch the Kafka jars from Maven Central (Debian: apt-get install maven).');
  }
  rmSync(libs, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'pom.xml'), runtimePom());
  log(`Fetching Apache Kafka ${KAFKA_VERSION} jars from Maven Central into ${dir} (first run only)...`);

  const exitCode = await new Promise<number>((resolve, reject) => {
    const mvn = spawn(
      'mvn',
      [
        '-B',
        '--no-transfer-progress',
        '-Dstyle.color=never',
        '-f',
        join(dir, 'pom.xml'),
        'dependency:copy-dependencies',
        `-DoutputDirectory=${libs}`,
        '-DincludeScope=runtime',
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    const relay = (chunk: Buffer): void => {
      for (const line of chunk.toString().split('\n')) {
        if (/ERROR|BUILD/.test(line)) log(`  ${line.trim()}`);
      }
    };
    mvn.stdout.on('data', relay);
    mvn.stderr.on('data', relay);
    mvn.on('error', reject);
    mvn.on('close', (code) => resolve(code ?? 1));
  });
  const jarCount = existsSync(libs) ? readdirSync(libs).filter((name) => name.endsWith('.jar')).length : 0;
  if (exitCode !== 0 || jarCount === 0) {
    throw new Error(`Fetching the Kafka jars failed (mvn exit ${exitCode}); is Maven Central reachable?`);
  }
  writeFileSync(marker, `${jarCount} jars\n`);
  log(`Kafka ${KAFKA_VERSION}: ${jarCount} jars ready.`);
  return libs;
}
